import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentRequest, type RequestContext } from '@app/core';
import { ResponderModel, SchedulingMapper } from '@app/scheduling';
import { AddContactMethodCommand, type AddedContactMethod } from '../commands/add-contact-method.command.js';
import { ChangeContactMethodCommand, type ContactMethodChange } from '../commands/change-contact-method.command.js';
import { SetNotificationRulesCommand } from '../commands/set-notification-rules.command.js';
import { SetOnCallReminderCommand } from '../commands/set-on-call-reminder.command.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';
import {
  AddContactMethodInput,
  SetNotificationRulesInput,
  VerifyContactMethodInput,
} from './inputs/notifications.input.js';
import { AddedContactMethodModel, ContactMethodModel } from './models/contact-method.model.js';
import { NotificationsMapper } from './notifications.mapper.js';

@Resolver(() => ContactMethodModel)
export class ContactMethodResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly methods: ContactMethodQueries,
    private readonly mapper: NotificationsMapper,
    private readonly scheduling: SchedulingMapper,
  ) {}

  @Mutation(() => AddedContactMethodModel, {
    description: 'Adds a way of reaching a responder; a verification message is sent to it',
  })
  async addContactMethod(
    @Args('input') input: AddContactMethodInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<AddedContactMethodModel> {
    const added: AddedContactMethod = await this.commands.execute(new AddContactMethodCommand(input, context));
    return {
      ...this.mapper.contactMethod(this.methods.require(added.contactMethodId)),
      signingSecret: added.signingSecret,
    };
  }

  @Mutation(() => ContactMethodModel, { description: 'Enters the 6-digit code the verification message carried' })
  verifyContactMethod(@Args('input') input: VerifyContactMethodInput, @CurrentRequest() context: RequestContext) {
    return this.change(input.contactMethodId, { type: 'VERIFY', code: input.code }, context);
  }

  @Mutation(() => ContactMethodModel, { description: 'Sends a new verification code (the previous one stops working)' })
  resendVerificationCode(
    @Args('contactMethodId', { type: () => ID }) contactMethodId: string,
    @CurrentRequest() context: RequestContext,
  ) {
    return this.change(contactMethodId, { type: 'RESEND_VERIFICATION' }, context);
  }

  @Mutation(() => ContactMethodModel, { description: 'Removes a contact method; answers it as it was' })
  async removeContactMethod(
    @Args('id', { type: () => ID }) id: string,
    @CurrentRequest() context: RequestContext,
  ): Promise<ContactMethodModel> {
    await this.commands.execute(new ChangeContactMethodCommand(id, { type: 'REMOVE' }, context));
    return this.mapper.contactMethod(this.methods.asStored(id));
  }

  @Mutation(() => ResponderModel, {
    description: 'Replaces a responder’s notification rules: which verified method, how many minutes after a page',
  })
  async setNotificationRules(
    @Args('input') input: SetNotificationRulesInput,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(new SetNotificationRulesCommand(input.responderId, input.rules, context));
    return this.scheduling.responderById(id);
  }

  @Mutation(() => ResponderModel, {
    description: '“Remind me N minutes before I go on call” (5 to 1440); null turns the reminder off',
  })
  async setOnCallReminder(
    @Args('responderId', { type: () => ID }) responderId: string,
    @Args('minutesBefore', { type: () => Int, nullable: true }) minutesBefore: number | null | undefined,
    @CurrentRequest() context: RequestContext,
  ): Promise<ResponderModel> {
    const id = await this.commands.execute(new SetOnCallReminderCommand(responderId, minutesBefore ?? null, context));
    return this.scheduling.responderById(id);
  }

  private async change(contactMethodId: string, change: ContactMethodChange, context: RequestContext) {
    await this.commands.execute(new ChangeContactMethodCommand(contactMethodId, change, context));
    return this.mapper.contactMethod(this.methods.require(contactMethodId));
  }
}

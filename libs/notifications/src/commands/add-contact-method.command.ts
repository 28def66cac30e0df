import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, ConflictError, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { ChannelRegistry } from '../channels/channel-registry.js';
import type { ContactMethodKind } from '../channels/notification-channel.js';
import { contactMethodDecider } from '../domain/contact-method/contact-method.decider.js';
import { contactMethodStream } from '../domain/contact-method/contact-method.events.js';
import { NotificationsAccessPolicy } from '../notifications.policy.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';
import { VerificationCodes } from './verification-codes.js';

export interface AddedContactMethod {
  contactMethodId: string;
  /** For a WEBHOOK method only: its Standard Webhooks secret, shown this once. */
  signingSecret: string | null;
}

const MAX_ADDRESS_LENGTH = 2048;

/** A responder adds a way of being reached; it stays unverified until the code it is sent comes back. */
export class AddContactMethodCommand extends Command<AddedContactMethod> {
  constructor(
    readonly input: { responderId: string; kind: ContactMethodKind; address: string },
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(AddContactMethodCommand)
export class AddContactMethodHandler implements ICommandHandler<AddContactMethodCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: NotificationsAccessPolicy,
    private readonly schedule: ScheduleQueries,
    private readonly channels: ChannelRegistry,
    private readonly methods: ContactMethodQueries,
    private readonly codes: VerificationCodes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: AddContactMethodCommand): Promise<AddedContactMethod> {
    this.access.assertCanManageFor(context, input.responderId);
    this.schedule.responder(input.responderId);
    const address = input.address.trim();
    if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) {
      throw new BadUserInputError('address', `An address has 1 to ${MAX_ADDRESS_LENGTH} characters`);
    }
    if (/[\p{Cc}\p{Cs}]/u.test(address)) {
      throw new BadUserInputError('address', 'An address cannot hold control characters or broken Unicode');
    }
    this.channels.validated(input.kind, address);
    if (this.methods.forResponder(input.responderId).some((m) => m.kind === input.kind && m.address === address)) {
      throw new ConflictError(`This responder already has that ${input.kind} address`, { field: 'address' });
    }
    const contactMethodId = randomUUID();
    const now = this.clock.now();
    await this.runner.run(
      contactMethodStream(contactMethodId),
      contactMethodDecider,
      {
        type: 'AddContactMethod',
        contactMethodId,
        responderId: input.responderId,
        kind: input.kind,
        address,
        verification: this.codes.issue(now),
        at: now.toISOString(),
        by: context.actor,
      },
      context,
    );
    return {
      contactMethodId,
      signingSecret: input.kind === 'WEBHOOK' ? this.codes.webhookSecret(contactMethodId) : null,
    };
  }
}

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { contactMethodDecider } from '../domain/contact-method/contact-method.decider.js';
import { contactMethodStream, VERIFICATION_MAX_ATTEMPTS } from '../domain/contact-method/contact-method.events.js';
import { NotificationsAccessPolicy } from '../notifications.policy.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';
import { VerificationCodes } from './verification-codes.js';

export type ContactMethodChange =
  { type: 'VERIFY'; code: string } | { type: 'RESEND_VERIFICATION' } | { type: 'REMOVE' };

/** Verify with a code, ask for a new code (sent again), or remove a contact method. Returns its id. */
export class ChangeContactMethodCommand extends Command<string> {
  constructor(
    readonly contactMethodId: string,
    readonly change: ContactMethodChange,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeContactMethodCommand)
export class ChangeContactMethodHandler implements ICommandHandler<ChangeContactMethodCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: NotificationsAccessPolicy,
    private readonly methods: ContactMethodQueries,
    private readonly codes: VerificationCodes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ contactMethodId, change, context }: ChangeContactMethodCommand): Promise<string> {
    this.access.assertCanManageMethods(context);
    this.access.assertCanUseMethod(context, this.methods.byId(contactMethodId), contactMethodId);
    const now = this.clock.now();
    const at = now.toISOString();
    const stream = contactMethodStream(contactMethodId);
    switch (change.type) {
      case 'VERIFY': {
        if (!/^\d{6}$/.test(change.code)) throw new BadUserInputError('code', 'The code is the 6 digits sent to you');
        const outcome = await this.runner.run(
          stream,
          contactMethodDecider,
          {
            type: 'VerifyWithCode',
            contactMethodId,
            code: change.code,
            hashCode: this.codes.hash,
            at,
            by: context.actor,
          },
          context,
        );
        const failed = outcome.events.find((e) => e.type === 'ContactMethodVerificationFailed');
        if (failed && failed.type === 'ContactMethodVerificationFailed') {
          const left = VERIFICATION_MAX_ATTEMPTS - failed.data.attempt;
          throw new BadUserInputError(
            'code',
            left > 0 ? `Wrong code; ${left} attempt(s) left` : 'Wrong code; ask for a new one',
          );
        }
        break;
      }
      case 'RESEND_VERIFICATION':
        await this.runner.run(
          stream,
          contactMethodDecider,
          { type: 'IssueVerification', contactMethodId, verification: this.codes.issue(now), at },
          context,
        );
        break;
      case 'REMOVE':
        await this.runner.run(
          stream,
          contactMethodDecider,
          { type: 'RemoveContactMethod', contactMethodId, at, by: context.actor },
          context,
        );
        break;
    }
    return contactMethodId;
  }
}

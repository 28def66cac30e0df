import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { notificationRulesDecider } from '../domain/rules/notification-rules.decider.js';
import { notificationRulesStream, type NotificationRule } from '../domain/rules/notification-rules.events.js';
import { NotificationsAccessPolicy } from '../notifications.policy.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';

/** Replaces a responder's notification rules; an empty list goes back to the default. */
export class SetNotificationRulesCommand extends Command<string> {
  constructor(
    readonly responderId: string,
    readonly rules: NotificationRule[],
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetNotificationRulesCommand)
export class SetNotificationRulesHandler implements ICommandHandler<SetNotificationRulesCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: NotificationsAccessPolicy,
    private readonly schedule: ScheduleQueries,
    private readonly methods: ContactMethodQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ responderId, rules, context }: SetNotificationRulesCommand): Promise<string> {
    this.access.assertCanManageFor(context, responderId);
    this.schedule.responder(responderId);
    const verifiedMethodIds = this.methods
      .forResponder(responderId)
      .filter((m) => m.verified)
      .map((m) => m.contactMethodId);
    await this.runner.run(
      notificationRulesStream(responderId),
      notificationRulesDecider,
      {
        type: 'SetNotificationRules',
        responderId,
        rules: rules.map(({ contactMethodId, delayMinutes }) => ({ contactMethodId, delayMinutes })),
        verifiedMethodIds,
        at: this.clock.now().toISOString(),
        by: context.actor,
      },
      context,
    );
    return responderId;
  }
}

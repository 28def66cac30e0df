import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import { onCallReminderDecider } from '../domain/rules/on-call-reminder.decider.js';
import { onCallReminderSettingsStream } from '../domain/rules/on-call-reminder.events.js';
import { NotificationsAccessPolicy } from '../notifications.policy.js';

/** "Remind me N minutes before I go on call" (null: no reminder). */
export class SetOnCallReminderCommand extends Command<string> {
  constructor(
    readonly responderId: string,
    readonly minutesBefore: number | null,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(SetOnCallReminderCommand)
export class SetOnCallReminderHandler implements ICommandHandler<SetOnCallReminderCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly access: NotificationsAccessPolicy,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ responderId, minutesBefore, context }: SetOnCallReminderCommand): Promise<string> {
    this.access.assertCanManageFor(context, responderId);
    this.schedule.responder(responderId);
    await this.runner.run(
      onCallReminderSettingsStream(responderId),
      onCallReminderDecider,
      {
        type: 'SetOnCallReminder',
        responderId,
        minutesBefore,
        at: this.clock.now().toISOString(),
        by: context.actor,
      },
      context,
    );
    return responderId;
  }
}

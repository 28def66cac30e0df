import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { RapidActionWriter } from './rapid-action-writer.js';

/** A new DRI; the update deadline is recomputed in their time zone. */
export class ChangeRapidActionDriCommand extends Command<void> {
  constructor(
    readonly rapidActionId: string,
    readonly driId: string,
    readonly reason: string | null,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeRapidActionDriCommand)
export class ChangeRapidActionDriHandler implements ICommandHandler<ChangeRapidActionDriCommand> {
  constructor(
    private readonly writer: RapidActionWriter,
    private readonly schedule: ScheduleQueries,
  ) {}

  async execute({ rapidActionId, driId, reason, context }: ChangeRapidActionDriCommand): Promise<void> {
    await this.writer.assertCan('changeDri', rapidActionId, context);
    const dri = this.schedule.responder(driId);
    await this.writer.run(
      'changeDri',
      { type: 'ChangeDri', rapidActionId, driId, driTimeZone: dri.timeZone, reason },
      context,
    );
  }
}

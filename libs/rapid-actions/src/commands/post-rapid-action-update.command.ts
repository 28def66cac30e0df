import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { RapidActionWriter } from './rapid-action-writer.js';

export interface PostRapidActionUpdate {
  rapidActionId: string;
  /** YYYY-MM-DD; today in the poster's time zone when absent. */
  date?: string | null;
  progressSinceLastUpdate?: string | null;
  progressExpectedByNextUpdate?: string | null;
  blockers?: string | null;
  praise?: string | null;
}

/** The daily status update, by the DRI or a sub-DRI (for their scope). */
export class PostRapidActionUpdateCommand extends Command<void> {
  constructor(
    readonly input: PostRapidActionUpdate,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(PostRapidActionUpdateCommand)
export class PostRapidActionUpdateHandler implements ICommandHandler<PostRapidActionUpdateCommand> {
  constructor(
    private readonly writer: RapidActionWriter,
    private readonly schedule: ScheduleQueries,
  ) {}

  async execute({ input, context }: PostRapidActionUpdateCommand): Promise<void> {
    await this.writer.run(
      'postUpdate',
      {
        type: 'PostUpdate',
        rapidActionId: input.rapidActionId,
        updateId: randomUUID(),
        date: input.date ?? null,
        // Whoever is not a registered responder is refused by the policy before the zone matters.
        posterTimeZone: this.schedule.findResponder(context.actor)?.timeZone ?? null,
        progressSinceLastUpdate: input.progressSinceLastUpdate ?? '',
        progressExpectedByNextUpdate: input.progressExpectedByNextUpdate ?? '',
        blockers: input.blockers ?? null,
        praise: input.praise ?? null,
      },
      context,
    );
  }
}

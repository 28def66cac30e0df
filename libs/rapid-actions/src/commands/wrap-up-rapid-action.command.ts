import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { RequestContext } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import { RapidActionWriter } from './rapid-action-writer.js';

export type WrapUp =
  | {
      kind: 'FollowUps';
      rapidActionId: string;
      followUps: Array<{ description: string; issueUrl?: string | null; ownerId?: string | null }>;
    }
  | {
      kind: 'Retrospective';
      rapidActionId: string;
      summary: string;
      documentUrl?: string | null;
      heldOn?: string | null;
    }
  | { kind: 'MakePublic'; rapidActionId: string; reason?: string | null };

/** After resolution: follow-up actions, the retrospective, and making a confidential action public. */
export class WrapUpRapidActionCommand extends Command<void> {
  constructor(
    readonly wrapUp: WrapUp,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(WrapUpRapidActionCommand)
export class WrapUpRapidActionHandler implements ICommandHandler<WrapUpRapidActionCommand> {
  constructor(
    private readonly writer: RapidActionWriter,
    private readonly schedule: ScheduleQueries,
  ) {}

  async execute({ wrapUp, context }: WrapUpRapidActionCommand): Promise<void> {
    const { rapidActionId } = wrapUp;
    switch (wrapUp.kind) {
      case 'FollowUps': {
        await this.writer.assertCan('wrapUp', rapidActionId, context);
        const followUps = wrapUp.followUps.map((f) => ({
          followUpId: randomUUID(),
          description: f.description.trim(),
          issueUrl: f.issueUrl ?? null,
          ownerId: f.ownerId ? this.schedule.responder(f.ownerId).responderId : null,
        }));
        return this.writer.run('wrapUp', { type: 'RecordFollowUps', rapidActionId, followUps }, context);
      }
      case 'Retrospective':
        return this.writer.run(
          'wrapUp',
          {
            type: 'RecordRetrospective',
            rapidActionId,
            summary: wrapUp.summary.trim(),
            documentUrl: wrapUp.documentUrl ?? null,
            heldOn: wrapUp.heldOn ?? null,
          },
          context,
        );
      case 'MakePublic':
        return this.writer.run(
          'makePublic',
          { type: 'MakePublic', rapidActionId, reason: wrapUp.reason?.trim() || null },
          context,
        );
    }
  }
}

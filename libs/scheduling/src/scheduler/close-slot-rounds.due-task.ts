import { Injectable } from '@nestjs/common';
import { systemContext } from '@app/core';
import { CommandRunner, DueTaskSourceProvider, type DueTask, type DueTaskSource, firstDueAt } from '@app/event-store';
import { slotRoundDecider } from '../domain/slot-round/slot-round.decider.js';
import { slotRoundStream } from '../domain/slot-round/slot-round.events.js';
import { SlotRoundFacts } from '../projections/slot-round-facts.js';
import { SlotRoundsProjection } from '../projections/slot-rounds.projection.js';

interface RoundDeadline extends DueTask {
  roundId: string;
}

/**
 * At a round's deadline: volunteers are confirmed and every other slot is assigned. The events'
 * ids derive from the task id, and a closed round decides nothing, so two instances or a restart
 * close a round once. A large round (up to 200 slots, each explained over up to 500 candidates) is
 * recorded in several appends, each within the append budget; the round reads as closed once its
 * last one, with `SlotRoundClosed`, is stored, and until then it stays due, so a close cut short
 * is finished at the next run.
 */
@DueTaskSourceProvider()
@Injectable()
export class CloseSlotRoundsAtDeadline implements DueTaskSource<RoundDeadline> {
  readonly name = 'slot-round-deadlines';

  constructor(
    private readonly runner: CommandRunner,
    private readonly rounds: SlotRoundsProjection,
    private readonly facts: SlotRoundFacts,
  ) {}

  nextDueAt(): Date | undefined {
    return firstDueAt(this);
  }

  due(now: Date, limit: number): RoundDeadline[] {
    return this.rounds.dueRounds(now, limit).map((round) => ({
      taskId: `slot-round-deadline:${round.roundId}`,
      dueAt: new Date(round.deadline),
      roundId: round.roundId,
    }));
  }

  async run(task: RoundDeadline): Promise<void> {
    const round = this.rounds.round(task.roundId);
    if (!round || round.closedAt) return;
    await this.runner.run(
      slotRoundStream(task.roundId),
      slotRoundDecider,
      {
        type: 'CloseSlotRound',
        roundId: task.roundId,
        taskId: task.taskId,
        now: task.dueAt.toISOString(),
        facts: this.facts.forRound(round),
      },
      systemContext(task.taskId),
      { inChunks: true },
    );
  }
}

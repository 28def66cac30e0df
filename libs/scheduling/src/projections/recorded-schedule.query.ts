import { Injectable } from '@nestjs/common';
import { EventHistoryQuery, fold, type DomainEvent } from '@app/event-store';
import { responderDecider, type Responder } from '../domain/responder/responder.decider.js';
import { responderStream } from '../domain/responder/responder.events.js';
import { rotationDecider, type Rotation } from '../domain/rotation/rotation.decider.js';
import { rotationStream, type RotationEvent } from '../domain/rotation/rotation.events.js';
import { OnCallTimeline } from '../domain/schedule/on-call-timeline.js';
import type { AssignedSlot } from '../domain/schedule/schedule.types.js';
import { slotRoundDecider } from '../domain/slot-round/slot-round.decider.js';
import { slotRoundStream, type SlotRoundEvent } from '../domain/slot-round/slot-round.events.js';
import type { RotationOnCall } from './schedule.queries.js';
import { ScheduleQueries } from './schedule.queries.js';
import { SlotRoundsProjection } from './slot-rounds.projection.js';

/**
 * Who was on call at a past instant, and why, as the schedule stood then: each rotation, its
 * responders and its slot rounds are folded from their events recorded up to that instant. An
 * override or swap recorded later, or cancelled later, does not change the answer.
 */
@Injectable()
export class RecordedScheduleQuery {
  constructor(
    private readonly history: EventHistoryQuery,
    private readonly queries: ScheduleQueries,
    private readonly slotRounds: SlotRoundsProjection,
  ) {}

  async onCallAsRecorded(at: Date, rotationIds?: string[]): Promise<RotationOnCall[]> {
    const rotations = rotationIds ? rotationIds.map((id) => this.queries.rotation(id)) : this.queries.rotations();
    const instant = at.getTime();
    const recorded = await Promise.all(
      rotations.map(async (current) => {
        const rotation = await this.fold<Rotation | null, RotationEvent>(
          rotationStream(current.rotationId),
          at,
          rotationDecider,
        );
        if (!rotation) return undefined;
        const schedule: Rotation = { ...rotation, slots: await this.slotsAsOf(current.rotationId, at) };
        return schedule;
      }),
    );
    const schedules = recorded.filter((schedule): schedule is Rotation => schedule !== undefined);
    const responderIds = new Set(
      schedules.flatMap((schedule) => [
        ...schedule.participants.map((m) => m.responderId),
        ...schedule.shadows.map((m) => m.responderId),
        ...schedule.overrides.flatMap((o) => [
          o.responderId,
          ...(o.replacesResponderId ? [o.replacesResponderId] : []),
        ]),
        ...schedule.swaps.flatMap((s) => [s.first.responderId, s.second.responderId]),
        ...(schedule.slots ?? []).map((slot) => slot.responderId),
      ]),
    );
    const responders = new Map<string, Responder | null>(
      await Promise.all(
        [...responderIds].map(
          async (id) => [id, await this.fold(responderStream(id), at, responderDecider)] as [string, Responder | null],
        ),
      ),
    );
    const responderAsOf = (id: string) => responders.get(id) ?? undefined;
    return schedules.map((schedule) => {
      const timeline = new OnCallTimeline(schedule, responderAsOf);
      const segments = timeline.at(instant);
      const driWindow = timeline.isDriWindow(instant);
      return {
        rotation: schedule,
        at,
        onCall: segments.map((segment, i) => ({ ...segment, isDri: driWindow && i === 0 })),
        shadowIds: segments.length > 0 ? timeline.shadowsAt(instant) : [],
      };
    });
  }

  private async slotsAsOf(rotationId: string, at: Date): Promise<AssignedSlot[]> {
    const rounds = await Promise.all(
      this.slotRounds
        .roundsOf(rotationId)
        .map((current) =>
          this.fold<ReturnType<typeof slotRoundDecider.initialState>, SlotRoundEvent>(
            slotRoundStream(current.roundId),
            at,
            slotRoundDecider,
          ),
        ),
    );
    return rounds.flatMap((round) =>
      (round?.slots ?? []).flatMap((slot) =>
        slot.assigneeId && slot.how
          ? [
              {
                roundId: round!.roundId,
                slotId: slot.slotId,
                responderId: slot.assigneeId,
                start: slot.start,
                end: slot.end,
                how: slot.how,
              },
            ]
          : [],
      ),
    );
  }

  private async fold<State, Event extends DomainEvent>(
    streamId: string,
    at: Date,
    decider: { initialState(): State; evolve(state: State, event: Event): State },
  ): Promise<State> {
    const events = (await this.history.forStreamAsOf(streamId, at)).map(
      (entry) => ({ type: entry.type, data: entry.data }) as unknown as Event,
    );
    return fold(decider, events);
  }
}

import { Injectable } from '@nestjs/common';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import { slotHolder } from '../domain/schedule/slot-holder.js';
import type { SlotRound } from '../domain/slot-round/slot-round.decider.js';
import { twelveMonthsBefore, type RoundFacts, type Stretch } from '../domain/slot-round/slot-fairness.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';
import { OnCallLedger } from './on-call-ledger.js';
import { ScheduleQueries } from './schedule.queries.js';

const HOUR_MS = 3_600_000;

/** Gathers what the automatic slot assignment compares, from the read models, when a round closes. */
@Injectable()
export class SlotRoundFacts {
  constructor(
    private readonly queries: ScheduleQueries,
    private readonly readModel: CurrentOnCallProjection,
    private readonly ledger: OnCallLedger,
  ) {}

  forRound(round: SlotRound): RoundFacts {
    const rotation = this.queries.rotation(round.rotationId);
    const hoursTo = round.deadline;
    const hoursFrom = twelveMonthsBefore(hoursTo, rotation.timeZone);
    const hours = this.ledger.loadByResponder(Date.parse(hoursFrom), Date.parse(hoursTo));
    const held = heldSlots(this.readModel.allRotations(), round.roundId);
    const roundStart = new Date(Math.min(...round.slots.map((s) => Date.parse(s.start))));
    const roundEnd = new Date(Math.max(...round.slots.map((s) => Date.parse(s.end))));
    const candidates: RoundFacts['candidates'] = {};
    for (const responderId of new Set(rotation.participants.map((m) => m.responderId))) {
      const responder = this.queries.findResponder(responderId);
      if (!responder) continue;
      candidates[responderId] = {
        availability: responder,
        busy: this.queries
          .responderShifts(responderId, roundStart, roundEnd)
          .filter((s) => s.rotationId !== rotation.rotationId || s.slot || s.reason.kind === 'OVERRIDE')
          .filter((s) => s.slot?.roundId !== round.roundId)
          .map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
        heldSlots: held.get(responderId) ?? [],
        onCallHoursLast12Months: Math.round(((hours.get(responderId)?.total ?? 0) / HOUR_MS) * 100) / 100,
      };
    }
    return { timeZone: rotation.timeZone, participants: rotation.participants, candidates, hoursFrom, hoursTo };
  }
}

/**
 * Every filled slot of every rotation, by its holder once swaps are applied; the slots of the
 * round being closed aside (a close recorded in several appends is decided again on its own picks).
 */
export function heldSlots(rotations: Rotation[], exceptRoundId?: string): Map<string, Stretch[]> {
  const held = new Map<string, Stretch[]>();
  for (const rotation of rotations) {
    for (const slot of rotation.slots ?? []) {
      if (slot.roundId === exceptRoundId) continue;
      const { responderId } = slotHolder(slot, rotation.swaps);
      let list = held.get(responderId);
      if (!list) held.set(responderId, (list = []));
      list.push({ start: slot.start, end: slot.end });
    }
  }
  return held;
}

import { Injectable } from '@nestjs/common';
import { assertTimeRange, BadUserInputError } from '@app/core';
import {
  OnCallLedger,
  quarterNamed,
  ScheduleQueries,
  slotHolder,
  type OnCallLoad,
  type Responder,
  type Rotation,
} from '@app/scheduling';

const HOUR_MS = 3_600_000;
const QUARTER = /^\d{4}-Q[1-4]$/;

export interface ResponderHours {
  responder: Responder;
  totalHours: number;
  workingHours: number;
  offHours: number;
}

export interface ParticipantLoad {
  responderId: string;
  hours: number;
}

export interface RotationLoad {
  rotation: Rotation;
  participants: ParticipantLoad[];
  meanHours: number;
  spreadHours: number;
  thresholdHours: number;
  aboveThreshold: ParticipantLoad[];
}

export interface WeekendSlotTaken {
  rotationId: string;
  roundId: string;
  slotId: string;
  start: number;
  end: number;
}

export interface WeekendSlotCount {
  responder: Responder;
  slots: WeekendSlotTaken[];
}

export const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

/**
 * The on-call figures: hours per responder (working hours and off hours), a rotation's load
 * balance, and weekend slots per responder per quarter. Hours come from the cached on-call ledger.
 */
@Injectable()
export class OnCallFiguresQuery {
  constructor(
    private readonly queries: ScheduleQueries,
    private readonly ledger: OnCallLedger,
  ) {}

  /** Every responder (of a team) with their on-call hours over [from, to), most loaded first. */
  hoursByResponder(from: Date, to: Date, team?: string): ResponderHours[] {
    assertRange(from, to);
    const loads = this.ledger.loadByResponder(from.getTime(), to.getTime());
    return this.queries
      .responders(team)
      .map((responder) => toHours(responder, loads.get(responder.responderId)))
      .sort((a, b) => b.totalHours - a.totalHours || a.responder.name.localeCompare(b.responder.name));
  }

  /**
   * On-call hours for this rotation of each participant (a member at some point of the range),
   * most loaded first; the threshold defaults to 125% of the mean. Cover by non-members (an
   * override) is not part of the balance.
   */
  rotationLoad(rotationId: string, from: Date, to: Date, thresholdHours?: number): RotationLoad {
    assertRange(from, to);
    if (thresholdHours !== undefined && !(thresholdHours >= 0)) {
      throw new BadUserInputError('thresholdHours', 'thresholdHours must not be negative');
    }
    const rotation = this.queries.rotation(rotationId);
    const loads = this.ledger.loadByResponder(from.getTime(), to.getTime(), [rotation]);
    const members = rotation.participants
      .filter(
        (m) =>
          (m.from === undefined || Date.parse(m.from) < to.getTime()) &&
          (m.until === undefined || Date.parse(m.until) > from.getTime()),
      )
      .map((m) => m.responderId);
    const ids = [...new Set(members)];
    const participants = ids
      .map((responderId) => ({ responderId, hours: hours(loads.get(responderId)?.total ?? 0) }))
      .sort((a, b) => b.hours - a.hours || ids.indexOf(a.responderId) - ids.indexOf(b.responderId));
    const total = participants.reduce((sum, p) => sum + p.hours, 0);
    const meanHours = participants.length ? Math.round((total / participants.length) * 100) / 100 : 0;
    const threshold = thresholdHours ?? Math.round(meanHours * 1.25 * 100) / 100;
    const spread = participants.length ? participants[0].hours - participants[participants.length - 1].hours : 0;
    return {
      rotation,
      participants,
      meanHours,
      spreadHours: Math.round(spread * 100) / 100,
      thresholdHours: threshold,
      aboveThreshold: participants.filter((p) => p.hours > threshold),
    };
  }

  /**
   * Who took weekend slots in a calendar quarter (each slot in its rotation's zone), by holder once
   * swaps are applied: most slots first, then by name.
   */
  weekendSlots(quarter: string): WeekendSlotCount[] {
    if (!QUARTER.test(quarter)) throw new BadUserInputError('quarter', 'quarter must look like 2026-Q3');
    const taken = new Map<string, WeekendSlotTaken[]>();
    for (const rotation of this.queries.rotations()) {
      if (!rotation.slots?.length) continue;
      const bounds = quarterNamed(quarter, rotation.timeZone);
      for (const slot of rotation.slots) {
        const start = Date.parse(slot.start);
        if (start < bounds.start || start >= bounds.end) continue;
        const { responderId } = slotHolder(slot, rotation.swaps);
        let list = taken.get(responderId);
        if (!list) taken.set(responderId, (list = []));
        list.push({
          rotationId: rotation.rotationId,
          roundId: slot.roundId,
          slotId: slot.slotId,
          start,
          end: Date.parse(slot.end),
        });
      }
    }
    return [...taken.entries()]
      .flatMap(([id, slots]) => {
        const responder = this.queries.findResponder(id);
        return responder ? [{ responder, slots: slots.sort((a, b) => a.start - b.start) }] : [];
      })
      .sort((a, b) => b.slots.length - a.slots.length || a.responder.name.localeCompare(b.responder.name));
  }
}

function toHours(responder: Responder, load: OnCallLoad | undefined): ResponderHours {
  const total = load?.total ?? 0;
  const working = load?.working ?? 0;
  return { responder, totalHours: hours(total), workingHours: hours(working), offHours: hours(total - working) };
}

/** Real instants in 1970-9999, `to` after `from`, at most 400 days apart (MAX_RANGE_DAYS in @app/core). */
export function assertRange(from: Date, to: Date): void {
  assertTimeRange(from, to);
}

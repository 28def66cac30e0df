import { intersectWithWindows, insideWindows, type Interval } from './clock-windows.js';
import { assignShift, isActive, type AssignmentReason, type AvailabilityLookup } from './shift-assignment.js';
import { ShiftCalendar, type BaseShift } from './shift-calendar.js';
import type { AssignedSlot, Override, RotationSchedule, SlotFill } from './schedule.types.js';
import { IntervalIndex } from './interval-index.js';
import { slotHolder } from './slot-holder.js';

export type OnCallReason =
  | AssignmentReason
  | { kind: 'OVERRIDE'; overrideId: string; replaced?: string }
  | { kind: SlotFill; roundId: string; slotId: string; replaced?: string };

/** The weekend or holiday slot a stretch belongs to. */
export interface SlotRef {
  roundId: string;
  slotId: string;
  start: number;
  end: number;
}

/** A stretch of time during which one responder is on call for a rotation, and why. */
export interface OnCallSegment {
  rotationId: string;
  responderId: string;
  start: number;
  end: number;
  /** The turn this stretch belongs to; absent for an override outside any shift. */
  shift?: BaseShift;
  /** The slot this stretch belongs to, for slots filled from a slot round. */
  slot?: SlotRef;
  reason: OnCallReason;
}

interface Piece {
  responderId: string;
  shift?: BaseShift;
  slot?: SlotRef;
  reason: OnCallReason;
}

type TimedSlot = AssignedSlot & { startMs: number; endMs: number };
type TimedOverride = Override & { startMs: number; endMs: number };

interface CoveredShift extends Interval {
  shift: BaseShift;
}

/**
 * Computes on-call for one rotation from its schedule: turns (with coverage windows, skips and
 * swaps), then filled weekend slots (each replaces the first responder of the turn, or adds
 * coverage where no turn is), then overrides on top. Segments are never clipped to the query range, so each one
 * reports its whole extent.
 */
export class OnCallTimeline {
  private readonly calendar: ShiftCalendar;
  private readonly overrides: IntervalIndex<TimedOverride>;
  private readonly slots: IntervalIndex<TimedSlot>;

  constructor(
    private readonly schedule: RotationSchedule,
    private readonly availability: AvailabilityLookup,
  ) {
    this.calendar = new ShiftCalendar(schedule);
    this.overrides = new IntervalIndex(schedule.overrides.map(timed));
    this.slots = new IntervalIndex((schedule.slots ?? []).map(timed));
  }

  /** Segments overlapping [from, to); an archived rotation has none from its archiving on. */
  between(from: number, to: number): OnCallSegment[] {
    return this.reaching(from, to).segments;
  }

  /**
   * `between`, and how far back its answer looked: no override, swap, slot or unavailable span
   * relevant only before `reach` can change it.
   */
  reaching(from: number, to: number): { segments: OnCallSegment[]; reach: number } {
    const archived = this.schedule.archivedAt === undefined ? Infinity : Date.parse(this.schedule.archivedAt);
    if (from >= archived) return { segments: [], reach: from };
    const { segments, reach } = this.segmentsBetween(from, Math.min(to, archived));
    if (archived === Infinity) return { segments, reach };
    return { segments: segments.map((s) => (s.end > archived ? { ...s, end: archived } : s)), reach };
  }

  private segmentsBetween(from: number, to: number): { segments: OnCallSegment[]; reach: number } {
    const overrides = this.overrides.overlapping(from, to);
    const slots = this.slots.overlapping(from, to);
    const extras = [...overrides, ...slots];
    const windowStart = Math.min(from, ...extras.map((o) => o.startMs));
    const windowEnd = Math.max(to, ...extras.map((o) => o.endMs));
    const covered = this.coveredShifts(windowStart, windowEnd);

    const boundaries = new Set<number>();
    for (const c of covered) boundaries.add(c.start).add(c.end);
    for (const o of extras) boundaries.add(o.startMs).add(o.endMs);
    const points = [...boundaries].sort((a, b) => a - b);

    const segments: OnCallSegment[] = [];
    const open = new Map<string, OnCallSegment>();
    let next = 0;
    for (let i = 0; i < points.length - 1; i++) {
      const [start, end] = [points[i], points[i + 1]];
      while (next < covered.length && covered[next].end <= start) next++;
      const base = covered[next] && covered[next].start <= start ? covered[next] : undefined;
      const turns = this.piecesOf(base);
      const filled = slots.length > 0 ? this.applySlots(turns, this.heldAt(slots, start)) : turns;
      const pieces = this.applyOverrides(filled, this.heldAt(overrides, start));
      const seen = new Set<string>();
      for (const piece of pieces) {
        const key = `${piece.responderId}|${reasonKey(piece)}`;
        seen.add(key);
        const current = open.get(key);
        if (current && current.end === start) {
          current.end = end;
        } else {
          const segment: OnCallSegment = { rotationId: this.schedule.rotationId, start, end, ...piece };
          open.set(key, segment);
          segments.push(segment);
        }
      }
      for (const key of open.keys()) if (!seen.has(key)) open.delete(key);
    }
    const reach = covered.reduce((earliest, c) => Math.min(earliest, c.shift.start), windowStart);
    return { segments: segments.filter((s) => s.start < to && from < s.end), reach };
  }

  at(instant: number): OnCallSegment[] {
    return this.between(instant, instant + 1);
  }

  /** Responders shadowing the rotation at an instant (paged, not responsible). */
  shadowsAt(instant: number): string[] {
    return this.schedule.shadows.filter((m) => isActive(m, instant)).map((m) => m.responderId);
  }

  isDriWindow(instant: number): boolean {
    return (
      this.schedule.driWindows.length > 0 &&
      insideWindows(instant, this.schedule.driWindows, this.calendar.eraAt(instant).timeZone)
    );
  }

  /** Overrides and slots active at `instant` whose responder is not deactivated by then. */
  private heldAt<T extends { startMs: number; endMs: number; responderId: string }>(items: T[], instant: number): T[] {
    return activeAt(items, instant).filter((item) => {
      const deactivatedAt = this.availability(item.responderId)?.deactivatedAt;
      return deactivatedAt === undefined || instant < Date.parse(deactivatedAt);
    });
  }

  private coveredShifts(from: number, to: number): CoveredShift[] {
    const covered: CoveredShift[] = [];
    for (const shift of this.calendar.shiftsBetween(from, to)) {
      const zone = shift.timeZone ?? this.schedule.timeZone;
      for (const part of intersectWithWindows(shift, this.schedule.coverageWindows, zone)) {
        covered.push({ ...part, shift });
      }
    }
    return covered;
  }

  private piecesOf(base: CoveredShift | undefined): Piece[] {
    if (!base) return [];
    return assignShift(base.shift, this.schedule, this.availability).map((a) => ({ ...a, shift: base.shift }));
  }

  private applySlots(pieces: Piece[], slots: TimedSlot[]): Piece[] {
    let result = pieces;
    for (const slot of [...slots].sort((a, b) => a.startMs - b.startMs || a.slotId.localeCompare(b.slotId))) {
      const holder = slotHolder(slot, this.schedule.swaps);
      const ref: SlotRef = { roundId: slot.roundId, slotId: slot.slotId, start: slot.startMs, end: slot.endMs };
      const turnIndex = result.findIndex((p) => !p.slot && p.reason.kind !== 'OVERRIDE');
      const replaced = turnIndex >= 0 ? result[turnIndex].responderId : undefined;
      const reason: OnCallReason = holder.swap
        ? { kind: 'SWAP', swapId: holder.swap.swapId, swappedWith: holder.swap.swappedWith, skipped: [] }
        : { kind: slot.how, roundId: slot.roundId, slotId: slot.slotId, ...(replaced ? { replaced } : {}) };
      const piece: Piece = { responderId: holder.responderId, slot: ref, reason };
      result = turnIndex >= 0 ? result.map((p, i) => (i === turnIndex ? piece : p)) : [...result, piece];
    }
    return result;
  }

  private applyOverrides(pieces: Piece[], overrides: Override[]): Piece[] {
    let result = pieces;
    for (const override of overrides) {
      const reason: OnCallReason = { kind: 'OVERRIDE', overrideId: override.overrideId };
      const replacedIndex = override.replacesResponderId
        ? result.findIndex((p) => p.responderId === override.replacesResponderId)
        : 0;
      if (replacedIndex >= 0 && result[replacedIndex]) {
        const replaced = result[replacedIndex];
        result = result.map((p, i) =>
          i === replacedIndex
            ? {
                responderId: override.responderId,
                shift: replaced.shift,
                ...(replaced.slot ? { slot: replaced.slot } : {}),
                reason: { ...reason, replaced: replaced.responderId },
              }
            : p,
        );
      } else if (!override.replacesResponderId) {
        result = [...result, { responderId: override.responderId, reason }];
      }
    }
    return dedupe(result);
  }
}

function timed<T extends { start: string; end: string }>(item: T): T & { startMs: number; endMs: number } {
  return { ...item, startMs: Date.parse(item.start), endMs: Date.parse(item.end) };
}

function activeAt<T extends { startMs: number; endMs: number }>(items: T[], instant: number): T[] {
  return items.filter((item) => item.startMs <= instant && instant < item.endMs);
}

function reasonKey(piece: Piece): string {
  const r = piece.reason;
  if (piece.slot && r.kind !== 'OVERRIDE') return `slot:${piece.slot.slotId}:${r.kind}`;
  if (r.kind === 'OVERRIDE') return `override:${r.overrideId}:${piece.shift?.number ?? ''}`;
  if (r.kind === 'SWAP') return `swap:${r.swapId}:${piece.shift?.number}`;
  if (r.kind === 'TURN') return `turn:${piece.shift?.number}`;
  return `slot:${r.slotId}`;
}

/** One responder covering two places at once counts once. */
function dedupe(pieces: Piece[]): Piece[] {
  const seen = new Set<string>();
  return pieces.filter((p) => !seen.has(p.responderId) && seen.add(p.responderId));
}

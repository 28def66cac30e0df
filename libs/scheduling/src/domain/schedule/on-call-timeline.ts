import { intersectWithWindows, insideWindows, type Interval } from './clock-windows.js';
import { assignShift, isActive, type AssignmentReason, type AvailabilityLookup } from './shift-assignment.js';
import { ShiftCalendar, type BaseShift } from './shift-calendar.js';
import type { Override, RotationSchedule } from './schedule.types.js';

export type OnCallReason = AssignmentReason | { kind: 'OVERRIDE'; overrideId: string; replaced?: string };

/** A stretch of time during which one responder is on call for a rotation, and why. */
export interface OnCallSegment {
  rotationId: string;
  responderId: string;
  start: number;
  end: number;
  /** The turn this stretch belongs to; absent for an override outside any shift. */
  shift?: BaseShift;
  reason: OnCallReason;
}

interface Piece {
  responderId: string;
  shift?: BaseShift;
  reason: OnCallReason;
}

interface CoveredShift extends Interval {
  shift: BaseShift;
}

/**
 * Computes on-call for one rotation from its schedule: turns (with coverage windows, skips and
 * swaps), then overrides on top. Segments are never clipped to the query range, so each one
 * reports its whole extent.
 */
export class OnCallTimeline {
  private readonly calendar: ShiftCalendar;

  constructor(
    private readonly schedule: RotationSchedule,
    private readonly availability: AvailabilityLookup,
  ) {
    this.calendar = new ShiftCalendar(schedule);
  }

  /** Segments overlapping [from, to). */
  between(from: number, to: number): OnCallSegment[] {
    const overrides = this.schedule.overrides
      .map((o) => ({ ...o, startMs: Date.parse(o.start), endMs: Date.parse(o.end) }))
      .filter((o) => o.startMs < to && from < o.endMs);
    const windowStart = Math.min(from, ...overrides.map((o) => o.startMs));
    const windowEnd = Math.max(to, ...overrides.map((o) => o.endMs));
    const covered = this.coveredShifts(windowStart, windowEnd);

    const boundaries = new Set<number>();
    for (const c of covered) boundaries.add(c.start).add(c.end);
    for (const o of overrides) boundaries.add(o.startMs).add(o.endMs);
    const points = [...boundaries].sort((a, b) => a - b);

    const segments: OnCallSegment[] = [];
    const open = new Map<string, OnCallSegment>();
    for (let i = 0; i < points.length - 1; i++) {
      const [start, end] = [points[i], points[i + 1]];
      const base = covered.find((c) => c.start <= start && start < c.end);
      const pieces = this.applyOverrides(
        this.piecesOf(base),
        overrides.filter((o) => o.startMs <= start && start < o.endMs),
      );
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
    return segments.filter((s) => s.start < to && from < s.end);
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
      this.schedule.driWindows.length > 0 && insideWindows(instant, this.schedule.driWindows, this.schedule.timeZone)
    );
  }

  private coveredShifts(from: number, to: number): CoveredShift[] {
    const covered: CoveredShift[] = [];
    for (const shift of this.calendar.shiftsBetween(from, to)) {
      for (const part of intersectWithWindows(shift, this.schedule.coverageWindows, this.schedule.timeZone)) {
        covered.push({ ...part, shift });
      }
    }
    return covered;
  }

  private piecesOf(base: CoveredShift | undefined): Piece[] {
    if (!base) return [];
    return assignShift(base.shift, this.schedule, this.availability).map((a) => ({ ...a, shift: base.shift }));
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

function reasonKey(piece: Piece): string {
  const r = piece.reason;
  if (r.kind === 'OVERRIDE') return `override:${r.overrideId}:${piece.shift?.number ?? ''}`;
  if (r.kind === 'SWAP') return `swap:${r.swapId}:${piece.shift?.number}`;
  return `turn:${piece.shift?.number}`;
}

/** One responder covering two places at once counts once. */
function dedupe(pieces: Piece[]): Piece[] {
  const seen = new Set<string>();
  return pieces.filter((p) => !seen.has(p.responderId) && seen.add(p.responderId));
}

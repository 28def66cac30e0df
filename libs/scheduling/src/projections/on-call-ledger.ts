import { Injectable } from '@nestjs/common';
import type { Responder } from '../domain/responder/responder.decider.js';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import { intersectWithWindows } from '../domain/schedule/clock-windows.js';
import { OnCallTimeline } from '../domain/schedule/on-call-timeline.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';

const DAY_MS = 86_400_000;

export interface OnCallLoad {
  /** Milliseconds on call. */
  total: number;
  /** Of which inside the responder's own working hours (in their zone). */
  working: number;
}

interface Stretch {
  responderId: string;
  start: number;
  end: number;
}

/** One UTC month of one rotation: its on-call stretches, and their load per UTC day and responder. */
interface MonthChunk {
  /** The responder documents it was computed from: a change to any of them recomputes it. */
  deps: Array<[string, Responder | undefined]>;
  stretches: Stretch[];
  days: Map<number, Map<string, OnCallLoad>>;
}

/**
 * On-call time per responder over any range, for the figures. Computing a year of timelines for
 * every rotation on each query would be far too slow, so the pure timeline computation is cached
 * per rotation and UTC month, with per-day sums; a range adds whole days and computes only its two
 * partial edge days from the stretches. A rotation's cache lives as long as its read-model
 * document (replaced on every change); a month is recomputed when a responder it depends on changes.
 *
 * Working hours are the responder's own `workingHours` windows in their zone; a responder with
 * none has every on-call hour off hours. Overlapping rotations each count.
 */
@Injectable()
export class OnCallLedger {
  private readonly months = new WeakMap<Rotation, Map<number, MonthChunk>>();

  constructor(private readonly readModel: CurrentOnCallProjection) {}

  /** Load per responder over [from, to), across the rotations given (all by default). */
  loadByResponder(from: number, to: number, rotations: Rotation[] = this.readModel.allRotations()) {
    const loads = new Map<string, OnCallLoad>();
    if (to <= from) return loads;
    const add = (id: string, total: number, working: number) => {
      const load = loads.get(id);
      if (load) {
        load.total += total;
        load.working += working;
      } else loads.set(id, { total, working });
    };
    for (const rotation of rotations) {
      for (let month = monthIndex(from); month <= monthIndex(to - 1); month++) {
        const chunk = this.chunk(rotation, month);
        for (const [day, perResponder] of chunk.days) {
          const [dayStart, dayEnd] = [day * DAY_MS, (day + 1) * DAY_MS];
          if (dayEnd <= from || dayStart >= to) continue;
          if (from <= dayStart && dayEnd <= to) {
            for (const [id, load] of perResponder) add(id, load.total, load.working);
            continue;
          }
          const [start, end] = [Math.max(from, dayStart), Math.min(to, dayEnd)];
          for (const stretch of chunk.stretches) {
            const s = Math.max(start, stretch.start);
            const e = Math.min(end, stretch.end);
            if (s < e) add(stretch.responderId, e - s, this.workingMs(stretch.responderId, s, e));
          }
        }
      }
    }
    return loads;
  }

  private chunk(rotation: Rotation, month: number): MonthChunk {
    let chunks = this.months.get(rotation);
    if (!chunks) this.months.set(rotation, (chunks = new Map()));
    const cached = chunks.get(month);
    if (cached && cached.deps.every(([id, doc]) => this.readModel.responder(id) === doc)) return cached;
    const computed = this.compute(rotation, month);
    chunks.set(month, computed);
    return computed;
  }

  private compute(rotation: Rotation, month: number): MonthChunk {
    const ids = new Set<string>([
      ...rotation.participants.map((m) => m.responderId),
      ...rotation.overrides.map((o) => o.responderId),
      ...rotation.swaps.flatMap((s) => [s.first.responderId, s.second.responderId]),
      ...(rotation.slots ?? []).map((s) => s.responderId),
    ]);
    const deps: MonthChunk['deps'] = [...ids].map((id) => [id, this.readModel.responder(id)]);
    const [from, to] = monthBounds(month);
    const timeline = new OnCallTimeline(rotation, (id) => this.readModel.responder(id));
    const stretches = timeline
      .between(from, to)
      .map((s) => ({ responderId: s.responderId, start: Math.max(from, s.start), end: Math.min(to, s.end) }));
    const days = new Map<number, Map<string, OnCallLoad>>();
    for (const stretch of stretches) {
      for (let day = Math.floor(stretch.start / DAY_MS); day * DAY_MS < stretch.end; day++) {
        const s = Math.max(stretch.start, day * DAY_MS);
        const e = Math.min(stretch.end, (day + 1) * DAY_MS);
        let perResponder = days.get(day);
        if (!perResponder) days.set(day, (perResponder = new Map()));
        const load = perResponder.get(stretch.responderId) ?? { total: 0, working: 0 };
        load.total += e - s;
        load.working += this.workingMs(stretch.responderId, s, e);
        perResponder.set(stretch.responderId, load);
      }
    }
    return { deps, stretches, days };
  }

  private workingMs(responderId: string, start: number, end: number): number {
    const responder = this.readModel.responder(responderId);
    if (!responder || responder.workingHours.length === 0) return 0;
    return intersectWithWindows({ start, end }, responder.workingHours, responder.timeZone).reduce(
      (sum, piece) => sum + piece.end - piece.start,
      0,
    );
  }
}

function monthIndex(instant: number): number {
  const date = new Date(instant);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

function monthBounds(month: number): [number, number] {
  const year = Math.floor(month / 12);
  return [Date.UTC(year, month % 12, 1), Date.UTC(year, (month % 12) + 1, 1)];
}

import { Injectable, Logger } from '@nestjs/common';
import { boundedWalk, systemContext } from '@app/core';
import { DueTaskSourceProvider, type DueTask, type DueTaskSource } from '@app/event-store';
import { ScheduleQueries, type Responder, type Rotation } from '@app/scheduling';
import { firstBoundary, type DetectedBoundary } from '../domain/boundary/shift-boundaries.js';
import { HandoverQueries } from '../projections/handover.queries.js';
import { BoundaryRecorder } from './boundary-recorder.js';

interface BoundaryTask extends DueTask {
  rotationId: string;
  outgoing: string[];
}

interface Lookahead {
  rotation: Rotation;
  responders: Array<Responder | undefined>;
  cursor: number;
  next: DetectedBoundary | undefined;
  /** Searched for boundaries in (cursor, searchedUntil]; `next` is the first found. */
  searchedUntil: number;
}

const DAY_MS = 86_400_000;
/** How far back a boundary is still worth recording after the service was down. */
const CATCH_UP_MS = 7 * DAY_MS;
const WINDOW_MS = 7 * DAY_MS;

/**
 * Records a boundary each time a shift of a rotation ends: who goes off call, who takes over, and
 * the open escalations the outgoing responders are DRI of. It walks each rotation's schedule from
 * its last recorded boundary (or its creation) and remembers the next boundary it found, until
 * the rotation or one of its responders changes. The boundary id derives from (rotation, instant),
 * so a boundary recorded at once by `endShiftNow` is not recorded again.
 */
@DueTaskSourceProvider()
@Injectable()
export class ShiftBoundarySource implements DueTaskSource<BoundaryTask> {
  readonly name = 'shift-boundaries';
  private readonly logger = new Logger(ShiftBoundarySource.name);
  private readonly lookaheads = new Map<string, Lookahead>();

  constructor(
    private readonly schedule: ScheduleQueries,
    private readonly queries: HandoverQueries,
    private readonly recorder: BoundaryRecorder,
  ) {}

  due(now: Date, limit: number): BoundaryTask[] {
    const tasks: BoundaryTask[] = [];
    for (const rotation of this.schedule.rotations()) {
      let next: DetectedBoundary | undefined;
      try {
        next = this.nextBoundary(rotation, now.getTime());
      } catch (error) {
        this.logger.error(`Rotation ${rotation.rotationId}: cannot walk its shifts: ${(error as Error).message}`);
        continue;
      }
      if (next && next.at <= now.getTime()) {
        const at = new Date(next.at);
        tasks.push({
          taskId: `boundary:${rotation.rotationId}:${at.toISOString()}`,
          dueAt: at,
          rotationId: rotation.rotationId,
          outgoing: next.outgoing,
        });
      }
    }
    return tasks.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()).slice(0, limit);
  }

  /** The earliest next boundary of any rotation; where none was found within the walked stretch, its end. */
  nextDueAt(now: Date): Date | undefined {
    let next = Infinity;
    for (const rotation of this.schedule.rotations()) {
      try {
        const boundary = this.nextBoundary(rotation, now.getTime());
        next = Math.min(next, boundary?.at ?? this.lookaheads.get(rotation.rotationId)!.searchedUntil + 1);
      } catch {
        continue; // due() logs it
      }
    }
    return next === Infinity ? undefined : new Date(next);
  }

  async run(task: BoundaryTask): Promise<void> {
    await this.recorder.record(
      { rotationId: task.rotationId, at: task.dueAt, outgoing: task.outgoing, stepId: task.taskId },
      systemContext(task.taskId),
    );
  }

  private nextBoundary(rotation: Rotation, now: number): DetectedBoundary | undefined {
    const last = this.queries.lastBoundaryAt(rotation.rotationId);
    const cursor = Math.max(Date.parse(rotation.createdAt), last ? Date.parse(last) : -Infinity);
    const walkFrom = Math.max(cursor, now - CATCH_UP_MS);
    const responders = this.responderIds(rotation, walkFrom).map((id) => this.schedule.findResponder(id));
    let lookahead = this.lookaheads.get(rotation.rotationId);
    const stale =
      !lookahead ||
      lookahead.rotation !== rotation ||
      lookahead.cursor !== cursor ||
      lookahead.responders.length !== responders.length ||
      lookahead.responders.some((r, i) => r !== responders[i]);
    if (!lookahead || stale) {
      lookahead = { rotation, responders, cursor, next: undefined, searchedUntil: walkFrom };
      this.lookaheads.set(rotation.rotationId, lookahead);
    }
    // Each pass moves a week (or up to now + a day) ahead: bounded by the distance to now.
    const step = boundedWalk('a boundary walk', Math.ceil((now - lookahead.searchedUntil) / (WINDOW_MS - 1)) + 2);
    while (!lookahead.next && lookahead.searchedUntil <= now) {
      step();
      const from = lookahead.searchedUntil;
      const to = Math.min(from + WINDOW_MS, now + DAY_MS);
      const stretches = this.schedule.rotationShifts(rotation.rotationId, new Date(from), new Date(to));
      lookahead.next = firstBoundary(stretches, from, to);
      lookahead.searchedUntil = to - 1;
    }
    return lookahead.next;
  }

  /** The responders whose changes can move the rotation's boundaries from `from` on. */
  private responderIds(rotation: Rotation, from: number): string[] {
    const overrides = this.schedule.rotationFrom(rotation.rotationId, new Date(from)).overrides;
    return [...rotation.participants.map((m) => m.responderId), ...overrides.map((o) => o.responderId)];
  }
}

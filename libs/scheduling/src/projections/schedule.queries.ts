import { Inject, Injectable } from '@nestjs/common';
import { assertTimeRange, BadUserInputError, isSupportedInstant, CLOCK, NotFoundError, type Clock } from '@app/core';
import { normaliseUniqueKey } from '@app/event-store';
import type { Responder } from '../domain/responder/responder.decider.js';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import { OnCallTimeline, type OnCallSegment } from '../domain/schedule/on-call-timeline.js';
import type { Override, Swap } from '../domain/schedule/schedule.types.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';

export interface OnCallEntry extends OnCallSegment {
  isDri: boolean;
}

export interface RotationOnCall {
  rotation: Rotation;
  at: Date;
  onCall: OnCallEntry[];
  shadowIds: string[];
}

/** Answers "who is on call, when, and why" from the current-on-call read model. */
@Injectable()
export class ScheduleQueries {
  private readonly timelines = new WeakMap<Rotation, OnCallTimeline>();

  constructor(
    private readonly readModel: CurrentOnCallProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  responder(id: string): Responder {
    const responder = this.readModel.responder(id);
    if (!responder) throw new NotFoundError('Responder', id);
    return responder;
  }

  findResponder(id: string): Responder | undefined {
    return this.readModel.responder(id);
  }

  /** Handles compare case-insensitively (NFC, lower-cased): `ana` and `ANA` are one. */
  responderByHandle(handle: string): Responder | undefined {
    const key = normaliseUniqueKey(handle);
    return this.readModel.allResponders().find((r) => normaliseUniqueKey(r.handle) === key);
  }

  responders(team?: string): Responder[] {
    return this.readModel
      .allResponders()
      .filter((r) => team === undefined || r.team === team)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Whether the responder exists and is not deactivated at `at` (now by default): whom a page may go to. */
  isPageable(id: string, at: Date = this.clock.now()): boolean {
    const responder = this.readModel.responder(id);
    return !!responder && (responder.deactivatedAt === undefined || at.getTime() < Date.parse(responder.deactivatedAt));
  }

  /** The rotations a responder takes part in, covers or swapped into. */
  rotationsOf(responderId: string): Rotation[] {
    return this.rotations().filter((rotation) => involves(rotation, responderId));
  }

  /**
   * The rotation with at least every override, swap and slot that can matter from `from` on (its
   * recent copy when `from` is within what the read model keeps in memory): for lookups of
   * items that end after `from`, without reading the rotation's whole history.
   */
  rotationFrom(id: string, from: Date): Rotation {
    const rotation = this.rotation(id);
    return this.recentCopy(rotation, from.getTime()) ?? rotation;
  }

  findRotation(id: string): Rotation | undefined {
    return this.readModel.rotation(id);
  }

  rotation(id: string): Rotation {
    const rotation = this.readModel.rotation(id);
    if (!rotation) throw new NotFoundError('Rotation', id);
    return rotation;
  }

  rotations(team?: string): Rotation[] {
    return this.readModel
      .allRotations()
      .filter((r) => team === undefined || r.team === team)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One of the rotation's overrides by id: looked for among the recent ones first, then in its whole list. */
  override(rotation: Rotation, overrideId: string): Override | undefined {
    const recent = this.readModel.recentRotation(rotation)?.overrides.find((o) => o.overrideId === overrideId);
    return recent ?? rotation.overrides.find((o) => o.overrideId === overrideId);
  }

  /** One of the rotation's swaps by id: looked for among the recent ones first, then in its whole list. */
  swap(rotation: Rotation, swapId: string): Swap | undefined {
    const recent = this.readModel.recentRotation(rotation)?.swaps.find((s) => s.swapId === swapId);
    return recent ?? rotation.swaps.find((s) => s.swapId === swapId);
  }

  /** Who is on call in each rotation at an instant (now by default), and whether they are its DRI. */
  onCallAt(at: Date = this.clock.now(), rotationIds?: string[]): RotationOnCall[] {
    const rotations = rotationIds ? rotationIds.map((id) => this.rotation(id)) : this.rotations();
    if (!isSupportedInstant(at)) throw new BadUserInputError('at', 'at must be an instant in 1970-9999');
    const instant = at.getTime();
    return rotations.map((rotation) => {
      const segments = this.segments(rotation, instant, instant + 1);
      const timeline = this.coreTimeline(rotation);
      const driWindow = timeline.isDriWindow(instant);
      return {
        rotation,
        at,
        onCall: segments.map((segment, i) => ({ ...segment, isDri: driWindow && i === 0 })),
        shadowIds: segments.length > 0 ? timeline.shadowsAt(instant) : [],
      };
    });
  }

  rotationShifts(rotationId: string, from: Date, to: Date): OnCallSegment[] {
    assertRange(from, to);
    return this.segments(this.rotation(rotationId), from.getTime(), to.getTime());
  }

  /** Every stretch the responder is on call over a range, across all rotations. */
  responderShifts(responderId: string, from: Date, to: Date): OnCallSegment[] {
    assertRange(from, to);
    this.responder(responderId);
    return this.rotations()
      .filter((rotation) => involves(this.recentCopy(rotation, from.getTime()) ?? rotation, responderId))
      .flatMap((rotation) => this.segments(rotation, from.getTime(), to.getTime()))
      .filter((segment) => segment.responderId === responderId)
      .sort((a, b) => a.start - b.start);
  }

  /**
   * Segments overlapping [from, to): from the rotation's recent copy when its answer looks back no
   * further than the read model keeps in memory (then it equals the whole schedule's), else from
   * the whole schedule, read from the tables once.
   */
  private segments(rotation: Rotation, from: number, to: number): OnCallSegment[] {
    const recent = this.recentCopy(rotation, from);
    if (recent) {
      const answer = this.timeline(recent, true).reaching(from, to);
      if (answer.reach >= this.readModel.recentHorizon()) return answer.segments;
    }
    return this.timeline(rotation).between(from, to);
  }

  /** The rotation's recent copy, when it holds every item that can matter from `from` on. */
  private recentCopy(rotation: Rotation, from: number): Rotation | undefined {
    return from >= this.readModel.recentHorizon() ? this.readModel.recentRotation(rotation) : undefined;
  }

  /** The timeline of a rotation document; that of a recent copy looks up the responders' recent copies. */
  private timeline(rotation: Rotation, recent = false): OnCallTimeline {
    let timeline = this.timelines.get(rotation);
    if (!timeline) {
      const responder = recent
        ? (id: string) => this.readModel.recentResponder(id)
        : (id: string) => this.readModel.responder(id);
      timeline = new OnCallTimeline(rotation, responder);
      this.timelines.set(rotation, timeline);
    }
    return timeline;
  }

  /** A timeline for what needs no overrides, swaps or slots (DRI windows, shadows): the recent copy's when there is one. */
  private coreTimeline(rotation: Rotation): OnCallTimeline {
    const recent = this.readModel.recentRotation(rotation);
    return recent ? this.timeline(recent, true) : this.timeline(rotation);
  }
}

function involves(rotation: Rotation, responderId: string): boolean {
  return (
    rotation.participants.some((m) => m.responderId === responderId) ||
    rotation.overrides.some((o) => o.responderId === responderId) ||
    rotation.swaps.some((s) => s.first.responderId === responderId || s.second.responderId === responderId) ||
    (rotation.slots ?? []).some((s) => s.responderId === responderId)
  );
}

/** Real instants in 1970-9999, `to` after `from`, at most 400 days apart (MAX_RANGE_DAYS in @app/core). */
function assertRange(from: Date, to: Date): void {
  assertTimeRange(from, to);
}

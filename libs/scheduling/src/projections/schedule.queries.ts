import { Inject, Injectable } from '@nestjs/common';
import { assertTimeRange, BadUserInputError, isSupportedInstant, CLOCK, NotFoundError, type Clock } from '@app/core';
import { normaliseUniqueKey } from '@app/event-store';
import type { Responder } from '../domain/responder/responder.decider.js';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import { OnCallTimeline, type OnCallSegment } from '../domain/schedule/on-call-timeline.js';
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

  /** Who is on call in each rotation at an instant (now by default), and whether they are its DRI. */
  onCallAt(at: Date = this.clock.now(), rotationIds?: string[]): RotationOnCall[] {
    const rotations = rotationIds ? rotationIds.map((id) => this.rotation(id)) : this.rotations();
    if (!isSupportedInstant(at)) throw new BadUserInputError('at', 'at must be an instant in 1970-9999');
    const instant = at.getTime();
    return rotations.map((rotation) => {
      const timeline = this.timeline(rotation);
      const segments = timeline.at(instant);
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
    return this.timeline(this.rotation(rotationId)).between(from.getTime(), to.getTime());
  }

  /** Every stretch the responder is on call over a range, across all rotations. */
  responderShifts(responderId: string, from: Date, to: Date): OnCallSegment[] {
    assertRange(from, to);
    this.responder(responderId);
    return this.rotations()
      .filter((rotation) => involves(rotation, responderId))
      .flatMap((rotation) => this.timeline(rotation).between(from.getTime(), to.getTime()))
      .filter((segment) => segment.responderId === responderId)
      .sort((a, b) => a.start - b.start);
  }

  private timeline(rotation: Rotation): OnCallTimeline {
    let timeline = this.timelines.get(rotation);
    if (!timeline) {
      timeline = new OnCallTimeline(rotation, (id) => this.readModel.responder(id));
      this.timelines.set(rotation, timeline);
    }
    return timeline;
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

import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@app/core';
import type { Responder } from '../domain/responder/responder.decider.js';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import {
  WARNING_HORIZON_DAYS,
  workingHoursWarnings,
  type ScheduleSide,
  type WorkingHoursWarning,
} from '../domain/schedule/working-hours-warnings.js';
import { CurrentOnCallProjection } from './current-on-call.projection.js';

/** The schedule as it stood: read-model documents are replaced on change, never altered, so references keep it. */
export interface ScheduleSnapshot {
  rotations: Map<string, Rotation>;
  responders: Map<string, Responder>;
}

/**
 * Compares the schedule before a correction with the schedule after it, over the next
 * WARNING_HORIZON_DAYS days from when it takes effect, and tells who it puts on call outside their
 * working hours. Warnings inform; they never refuse a change.
 */
@Injectable()
export class ScheduleWarnings {
  constructor(
    private readonly readModel: CurrentOnCallProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  snapshot(): ScheduleSnapshot {
    return {
      rotations: new Map(this.readModel.allRotations().map((r) => [r.rotationId, r])),
      responders: new Map(this.readModel.allResponders().map((r) => [r.responderId, r])),
    };
  }

  /** Warnings for the rotations named, from `effectiveAt` (or now, when later). */
  since(before: ScheduleSnapshot, rotationIds: string[], effectiveAt?: number): WorkingHoursWarning[] {
    const after = this.snapshot();
    const from = Math.max(this.clock.now().getTime(), effectiveAt ?? 0);
    const to = from + WARNING_HORIZON_DAYS * 86_400_000;
    return [...new Set(rotationIds)].flatMap((id) => workingHoursWarnings(side(before, id), side(after, id), from, to));
  }
}

function side(snapshot: ScheduleSnapshot, rotationId: string): ScheduleSide {
  return { rotation: snapshot.rotations.get(rotationId), people: (id) => snapshot.responders.get(id) };
}

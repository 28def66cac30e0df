import type { Rotation } from '../domain/rotation/rotation.decider.js';
import type { OnCallSegment } from '../domain/schedule/on-call-timeline.js';
import type { RotationOnCall } from '../projections/schedule.queries.js';
import type { OnCallReasonModel, OnCallShiftModel, RotationOnCallModel } from './models/on-call.model.js';
import type { ResponderModel } from './models/responder.model.js';
import type { RotationModel } from './models/rotation.model.js';
import { shiftIdOf } from './shift-id.js';

/** What the views below need from SchedulingMapper to resolve their references. */
export interface OnCallViewMapper {
  rotation(rotation: Rotation): RotationModel;
  responderById(id: string): ResponderModel;
  reasonOf(segment: OnCallSegment, rotation: Rotation): OnCallReasonModel;
}

/**
 * An on-call stretch as GraphQL reads it. A class, not an object literal with getters: every
 * request builds these, and getters on a prototype cost nothing per object. Each field is
 * computed only when a query asks for it.
 */
export class OnCallShiftView implements OnCallShiftModel {
  constructor(
    private readonly mapper: OnCallViewMapper,
    private readonly segment: OnCallSegment,
    readonly isDri: boolean,
    private readonly schedule: Rotation,
  ) {}

  get rotation(): RotationModel {
    return this.mapper.rotation(this.schedule);
  }

  get responder(): ResponderModel {
    return this.mapper.responderById(this.segment.responderId);
  }

  get start(): Date {
    return new Date(this.segment.start);
  }

  get end(): Date {
    return new Date(this.segment.end);
  }

  get shiftNumber(): number | undefined {
    return this.segment.shift?.number;
  }

  get shiftStart(): Date | undefined {
    const turnOrSlot = this.segment.slot ?? this.segment.shift;
    return turnOrSlot ? new Date(turnOrSlot.start) : undefined;
  }

  get shiftId(): string | undefined {
    const turnOrSlot = this.segment.slot ?? this.segment.shift;
    return turnOrSlot ? shiftIdOf(this.segment.rotationId, new Date(turnOrSlot.start)) : undefined;
  }

  get shiftEnd(): Date | undefined {
    const turnOrSlot = this.segment.slot ?? this.segment.shift;
    return turnOrSlot ? new Date(turnOrSlot.end) : undefined;
  }

  get reason(): OnCallReasonModel {
    return this.mapper.reasonOf(this.segment, this.schedule);
  }
}

/** Who is on call in one rotation at an instant, as GraphQL reads it (see OnCallShiftView). */
export class RotationOnCallView implements RotationOnCallModel {
  readonly at: Date;
  readonly dri?: OnCallShiftModel;

  constructor(
    private readonly mapper: OnCallViewMapper,
    private readonly entry: RotationOnCall,
    readonly rotation: RotationModel,
    readonly onCall: OnCallShiftModel[],
  ) {
    this.at = entry.at;
    this.dri = onCall.find((shift) => shift.isDri);
  }

  get shadows(): ResponderModel[] {
    return this.entry.shadowIds.map((id) => this.mapper.responderById(id));
  }
}

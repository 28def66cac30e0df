import { Inject, Injectable } from '@nestjs/common';
import { actorOf, actorOrNone, CLOCK, type Clock } from '@app/core';
import type { WorkingHoursWarning } from '../domain/schedule/working-hours-warnings.js';
import type { ShiftPattern } from '../domain/schedule/schedule.types.js';
import type { WorkingHoursWarningModel } from './models/correction.model.js';
import type { Responder } from '../domain/responder/responder.decider.js';
import type { RoundSlot, SlotRound } from '../domain/slot-round/slot-round.decider.js';
import type { SlotAssignmentExplanation } from '../domain/slot-round/slot-round.events.js';
import { SlotRoundsProjection } from '../projections/slot-rounds.projection.js';
import type { Rotation } from '../domain/rotation/rotation.decider.js';
import type { OnCallSegment } from '../domain/schedule/on-call-timeline.js';
import type { ClockWindow, Membership } from '../domain/schedule/schedule.types.js';
import { ScheduleQueries, type RotationOnCall } from '../projections/schedule.queries.js';
import type { ClockWindowModel } from './models/clock-window.model.js';
import { OnCallShiftView, RotationOnCallView, type OnCallViewMapper } from './on-call.views.js';
import type { OnCallReasonModel, OnCallShiftModel, RotationOnCallModel } from './models/on-call.model.js';
import type { ResponderModel } from './models/responder.model.js';
import type { OverrideModel, RotationMemberModel, RotationModel, SwapModel } from './models/rotation.model.js';
import type { SlotAssignmentExplanationModel, SlotModel, SlotRoundModel } from './models/slot-round.model.js';
import { type Ineligibility, OnCallReasonKind, ResponderLifecycle, RotationLifecycle } from './scheduling.enums.js';

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/**
 * Read-model documents → GraphQL objects. Documents are immutable (a change replaces them), so
 * each one is mapped once; references to other objects are getters, resolved only when a query
 * asks for them (GraphQL's default resolver reads them like any property).
 */
@Injectable()
export class SchedulingMapper implements OnCallViewMapper {
  private readonly responders = new WeakMap<Responder, ResponderModel>();
  private readonly rotations = new WeakMap<Rotation, RotationModel>();

  constructor(
    private readonly queries: ScheduleQueries,
    private readonly slotRounds: SlotRoundsProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  responder(responder: Responder): ResponderModel {
    let model = this.responders.get(responder);
    if (!model) this.responders.set(responder, (model = this.mapResponder(responder)));
    return model;
  }

  rotation(rotation: Rotation): RotationModel {
    let model = this.rotations.get(rotation);
    if (!model) this.rotations.set(rotation, (model = this.mapRotation(rotation)));
    return model;
  }

  private mapResponder(responder: Responder): ResponderModel {
    const clock = this.clock;
    const model: ResponderModel = {
      get state() {
        const deactivated =
          responder.deactivatedAt !== undefined && Date.parse(responder.deactivatedAt) <= clock.now().getTime();
        return deactivated ? ResponderLifecycle.DEACTIVATED : ResponderLifecycle.ACTIVE;
      },
      deactivatedFrom: responder.deactivatedOn,
      id: responder.responderId,
      name: responder.name,
      handle: responder.handle,
      timeZone: responder.timeZone,
      team: responder.team,
      role: responder.role,
      workingHours: responder.workingHours.map(clockWindow),
      onCallRestricted: responder.onCallRestricted,
      get unavailability() {
        return responder.unavailability.map((span) => ({
          spanId: span.spanId,
          start: new Date(span.start),
          end: new Date(span.end),
          reason: span.reason,
          responder: model,
        }));
      },
    };
    return model;
  }

  responderById(id: string): ResponderModel {
    return this.responder(this.queries.responder(id));
  }

  private mapRotation(rotation: Rotation): RotationModel {
    const mapper = this;
    const changes = rotation.scheduleChanges ?? [];
    const inForce = () => changes.filter((c) => Date.parse(c.effectiveAt) <= mapper.clock.now().getTime()).at(-1);
    return {
      id: rotation.rotationId,
      name: rotation.name,
      team: rotation.team,
      get timeZone() {
        return inForce()?.timeZone ?? rotation.timeZone;
      },
      startDate: rotation.startDate,
      get pattern() {
        return shiftPattern(inForce()?.pattern ?? rotation.pattern);
      },
      get nextScheduleChange() {
        const next = changes.find((c) => Date.parse(c.effectiveAt) > mapper.clock.now().getTime());
        return next
          ? { effectiveAt: new Date(next.effectiveAt), pattern: shiftPattern(next.pattern), timeZone: next.timeZone }
          : undefined;
      },
      state: rotation.archivedAt === undefined ? RotationLifecycle.ACTIVE : RotationLifecycle.ARCHIVED,
      archivedAt: date(rotation.archivedAt),
      coverageWindows: rotation.coverageWindows.map(clockWindow),
      driWindows: rotation.driWindows.map(clockWindow),
      get participants() {
        return rotation.participants.map((m) => mapper.member(m));
      },
      get shadows() {
        return rotation.shadows.map((m) => mapper.member(m));
      },
      get overrides() {
        return rotation.overrides.map((o) => mapper.override(rotation.rotationId, o));
      },
      get swaps() {
        return rotation.swaps.map((s) => mapper.swap(rotation.rotationId, s));
      },
    };
  }

  warnings(warnings: WorkingHoursWarning[]): WorkingHoursWarningModel[] {
    return warnings.map((w) => {
      const responder = this.responderById(w.responderId);
      const rotation = this.rotation(this.queries.rotation(w.rotationId));
      const count = w.shifts.length;
      return {
        responder,
        rotation,
        timeZone: w.timeZone,
        localHours: w.localHours,
        shifts: w.shifts.map((span) => ({ start: new Date(span.start), end: new Date(span.end) })),
        message:
          `${responder.name} would be on call ${w.localHours} ${w.timeZone} time, outside their working hours, ` +
          `in ${rotation.name} (${count} shift${count === 1 ? '' : 's'} from ${new Date(w.shifts[0].start).toISOString()})`,
      };
    });
  }

  override(rotationId: string, o: Rotation['overrides'][number]): OverrideModel {
    return {
      rotationId,
      id: o.overrideId,
      responder: this.responderById(o.responderId),
      replaces: o.replacesResponderId ? this.responderById(o.replacesResponderId) : undefined,
      start: new Date(o.start),
      end: new Date(o.end),
      timeZone: o.timeZone,
      note: o.note,
      createdBy: actorOf(o.createdBy),
    };
  }

  swap(rotationId: string, s: Rotation['swaps'][number]): SwapModel {
    return {
      rotationId,
      id: s.swapId,
      first: { shiftStart: new Date(s.first.shiftStart), responder: this.responderById(s.first.responderId) },
      second: { shiftStart: new Date(s.second.shiftStart), responder: this.responderById(s.second.responderId) },
      createdBy: actorOf(s.createdBy),
    };
  }

  /** `rotation` is the schedule the segment was computed from (the current one by default). */
  onCallShift(
    segment: OnCallSegment,
    isDri = false,
    rotation: Rotation = this.queries.rotation(segment.rotationId),
  ): OnCallShiftModel {
    return new OnCallShiftView(this, segment, isDri, rotation);
  }

  rotationOnCall(entry: RotationOnCall, asRecorded = false): RotationOnCallModel {
    const onCall = entry.onCall.map((segment) =>
      this.onCallShift(segment, segment.isDri, asRecorded ? entry.rotation : undefined),
    );
    const rotation = asRecorded
      ? this.rotation(this.queries.rotation(entry.rotation.rotationId))
      : this.rotation(entry.rotation);
    return new RotationOnCallView(this, entry, rotation, onCall);
  }

  private member(membership: Membership): RotationMemberModel {
    return {
      responder: this.responderById(membership.responderId),
      from: date(membership.from),
      until: date(membership.until),
    };
  }

  slotRound(round: SlotRound): SlotRoundModel {
    const mapper = this;
    return {
      id: round.roundId,
      get rotation() {
        return mapper.rotation(mapper.queries.rotation(round.rotationId));
      },
      title: round.title,
      timeZone: round.timeZone,
      volunteerDeadline: new Date(round.deadline),
      closed: round.closedAt !== undefined,
      closedAt: date(round.closedAt),
      publishedBy: actorOf(round.publishedBy),
      slots: round.slots.map((slot) => this.slot(slot)),
    };
  }

  slot(slot: RoundSlot): SlotModel {
    const mapper = this;
    return {
      id: slot.slotId,
      start: new Date(slot.start),
      end: new Date(slot.end),
      get volunteer() {
        return slot.volunteerId ? mapper.responderById(slot.volunteerId) : undefined;
      },
      get assignee() {
        return slot.assigneeId ? mapper.responderById(slot.assigneeId) : undefined;
      },
      how: slot.how,
      explanation: slot.explanation ? this.explanation(slot.explanation) : undefined,
    };
  }

  private explanation(explanation: SlotAssignmentExplanation): SlotAssignmentExplanationModel {
    const mapper = this;
    return {
      quarter: explanation.quarter,
      hoursFrom: new Date(explanation.hoursFrom),
      hoursTo: new Date(explanation.hoursTo),
      candidates: explanation.candidates.map((c) => ({
        get responder() {
          return mapper.responderById(c.responderId);
        },
        rank: c.rank,
        excluded: c.excluded,
        weekendSlotsThisQuarter: c.weekendSlotsThisQuarter,
        onCallHoursLast12Months: c.onCallHoursLast12Months,
        lastSlotEnd: date(c.lastSlotEnd),
      })),
    };
  }

  reasonOf(segment: OnCallSegment, rotation: Rotation): OnCallReasonModel {
    const reason = segment.reason;
    const mapper = this;
    switch (reason.kind) {
      case 'VOLUNTEER':
      case 'AUTOMATIC':
        return {
          kind: reason.kind === 'VOLUNTEER' ? OnCallReasonKind.VOLUNTEER : OnCallReasonKind.AUTOMATIC,
          slotRoundId: reason.roundId,
          get slot() {
            const slot = mapper.slotRounds.slot(reason.roundId, reason.slotId);
            return slot ? mapper.slot(slot) : undefined;
          },
          replaced: reason.replaced ? this.responderById(reason.replaced) : undefined,
          skipped: [],
        };
      case 'OVERRIDE': {
        const override = this.queries.override(rotation, reason.overrideId);
        return {
          kind: OnCallReasonKind.OVERRIDE,
          overrideId: reason.overrideId,
          replaced: reason.replaced ? this.responderById(reason.replaced) : undefined,
          actor: actorOrNone(override?.createdBy),
          skipped: [],
        };
      }
      case 'SWAP': {
        const swap = this.queries.swap(rotation, reason.swapId);
        return {
          kind: OnCallReasonKind.SWAP,
          swapId: reason.swapId,
          swappedWith: this.responderById(reason.swappedWith),
          actor: actorOrNone(swap?.createdBy),
          skipped: this.skipped(reason.skipped),
        };
      }
      case 'TURN':
        return { kind: OnCallReasonKind.TURN, skipped: this.skipped(reason.skipped) };
    }
  }

  private skipped(skipped: Array<{ responderId: string; why: string }>) {
    return skipped.map((s) => ({ responder: this.responderById(s.responderId), why: s.why as Ineligibility }));
  }
}

function clockWindow(window: ClockWindow): ClockWindowModel {
  return { weekdays: window.weekdays, start: window.start, end: window.end };
}

function shiftPattern(pattern: ShiftPattern) {
  return {
    cycle: pattern.cycle,
    handoffs: pattern.handoffs.map((h) => ({ weekday: h.weekday, time: h.time })),
    shiftDuration: pattern.shiftDuration,
    respondersPerShift: pattern.respondersPerShift,
  };
}

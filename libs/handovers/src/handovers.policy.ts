import { Injectable } from '@nestjs/common';
import { BadUserInputError, ForbiddenError, requireRole, type RequestContext, type Role } from '@app/core';
import { actingResponder, type Actor, type EscalationDoc } from '@app/escalations';
import { ScheduleQueries, type Responder } from '@app/scheduling';
import type { Handover } from './domain/handover/handover.decider.js';

const PARTICIPANTS: readonly Role[] = ['admin', 'manager', 'responder'];
const LEADS: readonly Role[] = ['admin', 'manager'];

/** Who may do what with handovers, in one place. */
@Injectable()
export class HandoverAccessPolicy {
  constructor(private readonly schedule: ScheduleQueries) {}

  /** Checked before anything is looked up: viewers and integrations take no part in handovers. */
  assertCanTakePart(context: RequestContext): void {
    requireRole(context, PARTICIPANTS, 'take part in handovers');
  }

  /** Only an escalation's current DRI writes its handover summary. */
  assertCanWriteSummary(context: RequestContext, escalation: EscalationDoc): Responder {
    requireRole(context, PARTICIPANTS, 'write handover summaries');
    const responder = this.assertCanActAsResponder(context);
    if (escalation.driId !== responder.responderId) {
      throw new ForbiddenError(`Only the DRI of escalation ${escalation.escalationId} can hand it over`, {
        escalationId: escalation.escalationId,
      });
    }
    return responder;
  }

  /**
   * A draft is written by the escalation's DRI while on call in the rotation whose shift is
   * ending (the last hour of it: the draft decider checks when).
   */
  assertCanDraftSummary(context: RequestContext, escalation: EscalationDoc, onCallIds: readonly string[]): Responder {
    const responder = this.assertCanWriteSummary(context, escalation);
    if (!onCallIds.includes(responder.responderId)) {
      throw new ForbiddenError('Only a responder on call in the rotation drafts the handover of its shift', {
        escalationId: escalation.escalationId,
      });
    }
    return responder;
  }

  /**
   * Checked before anything is looked up: a responder ends their own shift early; a manager or an
   * admin may end anyone's.
   */
  assertCanEndShift(context: RequestContext, responderId: string | undefined): void {
    requireRole(context, PARTICIPANTS, 'end a shift early');
    if (context.role === 'responder' && responderId !== undefined && responderId !== context.actor) {
      throw new ForbiddenError('A responder may only end their own shift');
    }
  }

  /** Whose shift ends: the one named, else the caller (who must then be a responder). */
  shiftEnder(context: RequestContext, responderId: string | undefined): string {
    if (responderId) return this.schedule.responder(responderId).responderId;
    const responder = actingResponder(this.schedule, context);
    if (!responder) throw new BadUserInputError('responderId', 'name the responder whose shift ends');
    return responder.responderId;
  }

  /**
   * A responder taking over at the boundary accepts (for themselves or naming another DRI); a
   * manager may accept for the team, naming the DRI when they are not a responder themselves.
   */
  assertCanAccept(context: RequestContext, handover: Handover, namedDriId: string | undefined): Actor {
    requireRole(context, PARTICIPANTS, 'accept handovers');
    const responder = actingResponder(this.schedule, context);
    if (responder && handover.incomingIds.includes(responder.responderId)) return responder;
    requireRole(context, LEADS, 'accept a handover unless taking over at this boundary');
    if (!responder && !namedDriId) throw new BadUserInputError('driId', 'name the DRI who takes the items over');
    return { responderId: responder?.responderId ?? context.actor };
  }

  /** Handover rules are set by admins. */
  assertCanConfigure(context: RequestContext): Actor {
    requireRole(context, ['admin'], 'change handover settings');
    return { responderId: actingResponder(this.schedule, context)?.responderId ?? context.actor };
  }

  private assertCanActAsResponder(context: RequestContext): Responder {
    const responder = actingResponder(this.schedule, context);
    if (!responder) {
      throw new ForbiddenError(`${context.actor} is not a registered responder`, { actor: context.actor });
    }
    return responder;
  }
}

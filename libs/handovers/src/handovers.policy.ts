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

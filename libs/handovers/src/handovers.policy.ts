import { Injectable } from '@nestjs/common';
import { ForbiddenError, type RequestContext } from '@app/core';
import { actingResponder, type EscalationDoc } from '@app/escalations';
import { ScheduleQueries, type Responder } from '@app/scheduling';
import type { Handover } from './domain/handover/handover.decider.js';

const isLead = (responder: Responder) => responder.role === 'manager' || responder.role === 'director';

/** Who may do what with handovers, in one place. */
@Injectable()
export class HandoverAccessPolicy {
  constructor(private readonly schedule: ScheduleQueries) {}

  /** Only an escalation's current DRI writes its handover summary. */
  mayWriteSummary(context: RequestContext, escalation: EscalationDoc): Responder {
    const responder = this.requireResponder(context);
    if (escalation.driId !== responder.responderId) {
      throw new ForbiddenError(`Only the DRI of escalation ${escalation.escalationId} can hand it over`, {
        escalationId: escalation.escalationId,
      });
    }
    return responder;
  }

  /** An incoming responder accepts (for themselves or naming another DRI); so may a manager or director. */
  mayAccept(context: RequestContext, handover: Handover): Responder {
    const responder = this.requireResponder(context);
    if (!handover.incomingIds.includes(responder.responderId) && !isLead(responder)) {
      throw new ForbiddenError('Only a responder taking over at this boundary, or a manager or director, can accept', {
        boundaryId: handover.boundaryId,
      });
    }
    return responder;
  }

  /** Handover rules are set by managers and directors. */
  mayConfigure(context: RequestContext): Responder {
    const responder = this.requireResponder(context);
    if (!isLead(responder)) throw new ForbiddenError('Only a manager or director can change handover settings');
    return responder;
  }

  private requireResponder(context: RequestContext): Responder {
    const responder = actingResponder(this.schedule, context);
    if (!responder) {
      throw new ForbiddenError(`${context.actor} is not a registered responder`, { actor: context.actor });
    }
    return responder;
  }
}

import { Injectable } from '@nestjs/common';
import { ForbiddenError, type RequestContext } from '@app/core';
import { ScheduleQueries, type Responder } from '@app/scheduling';
import type { Escalation, Page } from './domain/escalation/escalation.decider.js';

/** The registered responder making the request: the actor is their id or their handle. */
export function actingResponder(schedule: ScheduleQueries, context: RequestContext): Responder | undefined {
  return schedule.findResponder(context.actor) ?? schedule.responderByHandle(context.actor);
}

const isLead = (responder: Responder | undefined) => responder?.role === 'manager' || responder?.role === 'director';

/**
 * Who may do what with escalations, in one place (authentication, a later issue, will only change
 * how the acting responder is found). Anyone may raise an escalation or add a note: first
 * responders outside the schedule must be able to.
 */
@Injectable()
export class EscalationAccessPolicy {
  constructor(private readonly schedule: ScheduleQueries) {}

  /** A page is acknowledged (or resolved) by one of its recipients; shadows only get a copy. */
  mayAnswerPage(context: RequestContext, page: Page): string {
    const responder = this.requireResponder(context);
    if (!page.recipients.includes(responder.responderId)) {
      throw new ForbiddenError(`Only the responders paged can answer page ${page.pageId}`, { pageId: page.pageId });
    }
    return responder.responderId;
  }

  /** Mitigate, resolve, reassign, qualify, record customer contact: the DRI, anyone paged for it, or a manager or director. */
  mayManage(context: RequestContext, escalation: Escalation): Responder {
    const responder = this.requireResponder(context);
    const involved =
      escalation.driId === responder.responderId ||
      escalation.pages.some((p) => p.recipients.includes(responder.responderId));
    if (!involved && !isLead(responder)) {
      throw new ForbiddenError(
        `Only the DRI, a responder paged for it, or a manager or director can change escalation ${escalation.escalationId}`,
        { escalationId: escalation.escalationId },
      );
    }
    return responder;
  }

  /** The backup pool is paged by a manager or director, who finds an owner for a concurrent emergency. */
  mayPageBackupPool(context: RequestContext, escalation: Escalation): Responder {
    const responder = this.requireResponder(context);
    if (!isLead(responder)) {
      throw new ForbiddenError('Only a manager or director can page the backup pool', {
        escalationId: escalation.escalationId,
      });
    }
    return responder;
  }

  /** Escalation policies and services are set by managers and directors. */
  mayConfigure(context: RequestContext): Responder {
    const responder = this.requireResponder(context);
    if (!isLead(responder)) throw new ForbiddenError('Only a manager or director can change this configuration');
    return responder;
  }

  /** Responders report their own presence; a manager or director may correct anyone's. */
  maySetPresence(context: RequestContext, responderId: string): void {
    const responder = this.requireResponder(context);
    if (responder.responderId !== responderId && !isLead(responder)) {
      throw new ForbiddenError('Responders set their own presence');
    }
  }

  requireResponder(context: RequestContext): Responder {
    const responder = actingResponder(this.schedule, context);
    if (!responder) {
      throw new ForbiddenError(`${context.actor} is not a registered responder`, { actor: context.actor });
    }
    return responder;
  }
}

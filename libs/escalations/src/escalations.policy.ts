import { Injectable } from '@nestjs/common';
import { ForbiddenError, requireRole, type RequestContext, type Role } from '@app/core';
import { ScheduleQueries, type Responder } from '@app/scheduling';
import type { Escalation, Page } from './domain/escalation/escalation.decider.js';

/** The registered responder making the request (the subject of a person's token), if any. */
export function actingResponder(schedule: ScheduleQueries, context: RequestContext): Responder | undefined {
  return schedule.findResponder(context.actor);
}

/** Who a step is recorded against: the acting responder, or the token's subject (an operator). */
export interface Actor {
  responderId: string;
}

const PARTICIPANTS: readonly Role[] = ['admin', 'manager', 'responder'];
const LEADS: readonly Role[] = ['admin', 'manager'];

/**
 * Who may do what with escalations, in one place. Token roles first: integrations only raise,
 * viewers only read; admins set policies and services; managers take escalation steps for any
 * escalation. Then the escalation itself: a responder answers the pages sent to them and changes
 * the escalations they are paged for or DRI of.
 */
@Injectable()
export class EscalationAccessPolicy {
  constructor(private readonly schedule: ScheduleQueries) {}

  assertCanRaise(context: RequestContext): void {
    requireRole(context, [...PARTICIPANTS, 'integration'], 'raise escalations');
  }

  /** An integration acknowledges or resolves what its own alerts raised (the key was checked by the intake). */
  assertCanAnswerAsIntegration(context: RequestContext): void {
    requireRole(context, ['integration'], 'acknowledge or resolve alerts on behalf of an integration');
  }

  /** Notes of what was tried, and incident tags: anyone taking part in incident work. */
  assertCanAnnotate(context: RequestContext): void {
    requireRole(context, PARTICIPANTS, 'add notes or tags to escalations');
  }

  /** The token-role gate of answering pages, asked before the page is looked up. */
  assertCanAnswerPages(context: RequestContext): void {
    requireRole(context, PARTICIPANTS, 'answer pages');
  }

  /** The token-role gate of changing escalations, asked before the escalation is looked up. */
  assertCanChangeEscalations(context: RequestContext): void {
    requireRole(context, PARTICIPANTS, 'change escalations');
  }

  /** A page is acknowledged (or resolved) by one of its recipients; shadows only get a copy. */
  assertCanAnswerPage(context: RequestContext, page: Page): string {
    this.assertCanAnswerPages(context);
    const responder = this.assertCanActAsResponder(context);
    if (!page.recipients.includes(responder.responderId)) {
      throw new ForbiddenError(`Only the responders paged can answer page ${page.pageId}`, { pageId: page.pageId });
    }
    return responder.responderId;
  }

  /** Mitigate, resolve, reassign, qualify, reroute, record customer contact: the DRI, anyone paged for it, or a manager. */
  assertCanManage(context: RequestContext, escalation: Escalation): Actor {
    this.assertCanChangeEscalations(context);
    if (LEADS.includes(context.role)) return this.actor(context);
    const responder = this.assertCanActAsResponder(context);
    const involved =
      escalation.driId === responder.responderId ||
      escalation.pages.some((p) => p.recipients.includes(responder.responderId));
    if (!involved) {
      throw new ForbiddenError(
        `Only the DRI, a responder paged for it, or a manager can change escalation ${escalation.escalationId}`,
        { escalationId: escalation.escalationId },
      );
    }
    return responder;
  }

  /** The backup pool is paged by a manager, who finds an owner for a concurrent emergency. */
  assertCanPageBackupPool(context: RequestContext): Actor {
    requireRole(context, LEADS, 'page the backup pool');
    return this.actor(context);
  }

  /** Escalation policies and services are set by admins. */
  assertCanConfigure(context: RequestContext): Actor {
    requireRole(context, ['admin'], 'change escalation policies or services');
    return this.actor(context);
  }

  /** Responders report their own presence; a manager may correct anyone's. */
  assertCanSetPresence(context: RequestContext, responderId: string): void {
    requireRole(context, PARTICIPANTS, 'set presence');
    if (context.actor === responderId || LEADS.includes(context.role)) return;
    throw new ForbiddenError('Responders set their own presence');
  }

  assertCanActAsResponder(context: RequestContext): Responder {
    const responder = actingResponder(this.schedule, context);
    if (!responder) {
      throw new ForbiddenError(`${context.actor} is not a registered responder`, { actor: context.actor });
    }
    return responder;
  }

  private actor(context: RequestContext): Actor {
    return { responderId: actingResponder(this.schedule, context)?.responderId ?? context.actor };
  }
}

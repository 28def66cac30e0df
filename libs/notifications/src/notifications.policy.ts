import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError, requireRole, type RequestContext, type Role } from '@app/core';
import type { ContactMethod } from './domain/contact-method/contact-method.decider.js';

const PEOPLE: readonly Role[] = ['admin', 'manager', 'responder'];

/**
 * Who may see and change how a responder is reached. A responder manages their own contact
 * methods and rules; an admin manages anyone's (setting up a new hire, removing a stale address).
 * Managers manage only their own: they can see everyone's methods and rules (who can be reached,
 * and how) but cannot add an address for someone else. Viewers and integrations do neither.
 */
@Injectable()
export class NotificationsAccessPolicy {
  /** Before any lookup: add a method, set rules. */
  assertCanManageFor(context: RequestContext, responderId: string): void {
    requireRole(context, PEOPLE, 'manage contact methods or notification rules');
    if (context.role === 'admin' || context.role === 'system' || context.actor === responderId) return;
    throw new ForbiddenError('Responders manage their own contact methods and notification rules', { responderId });
  }

  /** Before the lookup of a method by id: the role alone. */
  assertCanManageMethods(context: RequestContext): void {
    requireRole(context, PEOPLE, 'manage contact methods');
  }

  /** After the lookup: someone else's method is NOT_FOUND, as an unknown id is, so ids reveal nothing. */
  assertCanUseMethod(
    context: RequestContext,
    method: ContactMethod | undefined,
    contactMethodId: string,
  ): ContactMethod {
    const mine =
      method && (context.role === 'admin' || context.role === 'system' || method.responderId === context.actor);
    if (!method || !mine) throw new NotFoundError('ContactMethod', contactMethodId);
    return method;
  }

  /** Addresses and rules are shown to the responder, managers and admins. */
  assertCanRead(context: RequestContext, responderId: string): void {
    requireRole(context, PEOPLE, "read a responder's contact methods");
    if (context.role === 'responder' && context.actor !== responderId) {
      throw new ForbiddenError("Only the responder, managers and admins see a responder's contact methods", {
        responderId,
      });
    }
  }
}

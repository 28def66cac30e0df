import { Injectable } from '@nestjs/common';
import { ForbiddenError, requireRole, type RequestContext } from '@app/core';
import type { Override } from './domain/schedule/schedule.types.js';

/**
 * Who may change the schedule. Admins own people and rotations; managers handle overrides, swaps
 * and availability for anyone; responders handle their own.
 */
@Injectable()
export class SchedulingPolicy {
  assertCanManagePeople(context: RequestContext): void {
    requireRole(context, ['admin'], 'register, correct or deactivate responders, or change their on-call restriction');
  }

  assertCanManageRotations(context: RequestContext): void {
    requireRole(context, ['admin'], 'create, correct or archive rotations, or change who takes part');
  }

  assertCanChangeAvailability(context: RequestContext, responderId: string): void {
    if (context.role === 'responder' && context.actor === responderId) return;
    requireRole(context, ['admin', 'manager'], "change someone else's availability");
  }

  assertCanOverride(context: RequestContext, override: Pick<Override, 'responderId' | 'replacesResponderId'>): void {
    if (this.isOwn(context, [override.responderId, override.replacesResponderId])) return;
    requireRole(context, ['admin', 'manager'], 'schedule or cancel overrides for others');
  }

  /** Roles are checked before the override is looked up, so a stranger learns nothing about it. */
  assertCanCancelOverride(
    context: RequestContext,
    override: () => Pick<Override, 'responderId' | 'replacesResponderId'>,
  ): void {
    requireRole(context, ['admin', 'manager', 'responder'], 'cancel overrides');
    if (context.role === 'responder') this.assertCanOverride(context, override());
  }

  assertCanSwap(context: RequestContext, responderIds: [string, string]): void {
    if (this.isOwn(context, responderIds)) return;
    requireRole(context, ['admin', 'manager'], 'swap shifts for others');
  }

  /** Managers and admins publish weekend and holiday slot rounds. */
  assertCanPublishSlots(context: RequestContext): void {
    requireRole(context, ['admin', 'manager'], 'publish weekend slots');
  }

  /** A responder volunteers (or withdraws) themself; managers and admins may do it for anyone. */
  assertCanVolunteer(context: RequestContext, responderId: string): void {
    if (this.isOwn(context, [responderId])) return;
    requireRole(context, ['admin', 'manager'], 'volunteer someone else for a slot');
  }

  private isOwn(context: RequestContext, responderIds: Array<string | undefined>): boolean {
    if (context.role !== 'responder') return false;
    if (responderIds.includes(context.actor)) return true;
    throw new ForbiddenError('A responder may only change their own shifts');
  }
}

import { Injectable } from '@nestjs/common';
import { ForbiddenError, requireRole, type RequestContext } from '@app/core';
import type { CalendarFeed } from './domain/calendar-feed.decider.js';

/** A rotation's member, as a feed's access needs it: a participant or shadow who has not left. */
export interface RotationMembers {
  participants: Array<{ responderId: string; until?: string }>;
  shadows: Array<{ responderId: string; until?: string }>;
}

export function isMemberOf(rotation: RotationMembers | undefined, responderId: string, now: Date): boolean {
  if (!rotation) return false;
  return [...rotation.participants, ...rotation.shadows].some(
    (m) => m.responderId === responderId && (m.until === undefined || now.getTime() < Date.parse(m.until)),
  );
}

const isAdmin = (role: string) => role === 'admin' || role === 'system';

/**
 * Who may have a calendar feed of whose shifts. A responder's feed: the responder themself (with
 * a responder's or a manager's token) and admins. A rotation's feed: its participants and shadows,
 * and admins. Viewers and integrations create none. Roles are checked before anything is looked
 * up, and a rotation that does not exist answers like one the caller is not a member of.
 */
@Injectable()
export class CalendarPolicy {
  assertCanCreateResponderFeed(context: RequestContext, responderId: string): void {
    if (isAdmin(context.role)) return;
    requireRole(context, ['manager', 'responder'], 'create calendar feeds');
    if (context.actor !== responderId) {
      throw new ForbiddenError('Only the responder themself or an admin may create a calendar feed of their shifts');
    }
  }

  assertCanCreateRotationFeed(context: RequestContext, isMember: () => boolean): void {
    if (isAdmin(context.role)) return;
    requireRole(context, ['manager', 'responder'], 'create calendar feeds');
    if (!isMember()) {
      throw new ForbiddenError('Only a member of the rotation or an admin may create a calendar feed of it');
    }
  }

  /** Its creator, the responder it shows, and admins; for anyone else an unknown feed answers like another's. */
  assertCanRevoke(context: RequestContext, feed: () => CalendarFeed | undefined): void {
    if (isAdmin(context.role)) return;
    requireRole(context, ['manager', 'responder'], 'revoke calendar feeds');
    const found = feed();
    if (!found || !this.isOwnFeed(context, found)) {
      throw new ForbiddenError(
        'Only whoever created a calendar feed, the responder it shows, or an admin may revoke it',
      );
    }
  }

  /** `calendarFeeds` lists every feed to admins, and to others the feeds they created or that show them. */
  listsEveryFeed(context: RequestContext): boolean {
    return isAdmin(context.role);
  }

  isOwnFeed(context: RequestContext, feed: CalendarFeed): boolean {
    return feed.createdBy === context.actor || (feed.subject.kind === 'RESPONDER' && feed.subject.id === context.actor);
  }

  /**
   * A feed answers while it is not revoked and its creator could still create it: one an admin
   * created, until revoked; one a responder created, while they are not deactivated and, for a
   * rotation's feed, still a member of it.
   */
  mayServe(
    feed: CalendarFeed,
    creator: { isActive: () => boolean; isMemberOf: (rotationId: string) => boolean },
  ): boolean {
    if (feed.revokedAt) return false;
    if (isAdmin(feed.createdByRole)) return true;
    if (!creator.isActive()) return false;
    return feed.subject.kind === 'RESPONDER' || creator.isMemberOf(feed.subject.id);
  }
}

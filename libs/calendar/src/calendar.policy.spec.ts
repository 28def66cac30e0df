import { ForbiddenError, type RequestContext, type Role } from '@app/core';
import { CalendarPolicy, isMemberOf } from './calendar.policy.js';
import type { CalendarFeed } from './domain/calendar-feed.decider.js';

const policy = new CalendarPolicy();
const as = (role: Role, actor = 'ana'): RequestContext => ({ actor, role, correlationId: 'c' });
const feed = (overrides: Partial<CalendarFeed> = {}): CalendarFeed => ({
  feedId: 'f1',
  subject: { kind: 'ROTATION', id: 'r1' },
  tokenHash: 'h',
  createdBy: 'ana',
  createdByRole: 'responder',
  createdAt: '2026-07-15T12:00:00.000Z',
  ...overrides,
});

describe('calendar policy', () => {
  it('lets responders and managers have feeds of their own shifts, admins of anyone’s', () => {
    expect(() => policy.assertCanCreateResponderFeed(as('responder'), 'ana')).not.toThrow();
    expect(() => policy.assertCanCreateResponderFeed(as('manager'), 'ana')).not.toThrow();
    expect(() => policy.assertCanCreateResponderFeed(as('admin', 'ops'), 'ana')).not.toThrow();
    for (const context of [as('responder', 'bob'), as('viewer'), as('integration')]) {
      expect(() => policy.assertCanCreateResponderFeed(context, 'ana')).toThrow(ForbiddenError);
    }
  });

  it('asks about membership only once the role may have a feed at all', () => {
    const asked: string[] = [];
    const member = (answer: boolean) => () => (asked.push('asked'), answer);
    expect(() => policy.assertCanCreateRotationFeed(as('viewer'), member(true))).toThrow(ForbiddenError);
    expect(() => policy.assertCanCreateRotationFeed(as('integration'), member(true))).toThrow(ForbiddenError);
    expect(asked).toEqual([]);
    expect(() => policy.assertCanCreateRotationFeed(as('admin'), member(false))).not.toThrow();
    expect(() => policy.assertCanCreateRotationFeed(as('responder'), member(false))).toThrow(ForbiddenError);
    expect(() => policy.assertCanCreateRotationFeed(as('manager'), member(true))).not.toThrow();
  });

  it('lets the creator, the responder shown and admins revoke; an unknown feed answers like another’s', () => {
    const mine = feed({ subject: { kind: 'RESPONDER', id: 'ana' }, createdBy: 'ops', createdByRole: 'admin' });
    expect(() => policy.assertCanRevoke(as('responder'), () => mine)).not.toThrow();
    expect(() => policy.assertCanRevoke(as('responder', 'bob'), () => mine)).toThrow(ForbiddenError);
    expect(() => policy.assertCanRevoke(as('responder', 'bob'), () => undefined)).toThrow(ForbiddenError);
    expect(() => policy.assertCanRevoke(as('viewer'), () => mine)).toThrow(ForbiddenError);
    expect(() => policy.assertCanRevoke(as('admin', 'ops2'), () => undefined)).not.toThrow();
  });

  it('serves a feed while its creator could still create it', () => {
    const still = { isActive: () => true, isMemberOf: () => true };
    expect(policy.mayServe(feed(), still)).toBe(true);
    expect(policy.mayServe(feed({ revokedAt: '2026-07-16T00:00:00.000Z' }), still)).toBe(false);
    expect(policy.mayServe(feed(), { ...still, isMemberOf: () => false })).toBe(false);
    expect(policy.mayServe(feed(), { ...still, isActive: () => false })).toBe(false);
    expect(policy.mayServe(feed({ createdByRole: 'admin' }), { isActive: () => false, isMemberOf: () => false })).toBe(
      true,
    );
  });

  it('counts participants and shadows who have not left as members', () => {
    const now = new Date('2026-07-15T12:00:00Z');
    const rotation = {
      participants: [{ responderId: 'ana' }, { responderId: 'bob', until: '2026-07-01T00:00:00Z' }],
      shadows: [{ responderId: 'carl', until: '2026-08-01T00:00:00Z' }],
    };
    expect(['ana', 'bob', 'carl', 'dora'].map((id) => isMemberOf(rotation, id, now))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(isMemberOf(undefined, 'ana', now)).toBe(false);
  });
});

import { NotFoundError, ConflictError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { calendarFeedDecider } from './calendar-feed.decider.js';
import type { CalendarFeedCreatedData, CalendarFeedEvent } from './calendar-feed.events.js';
import { feedTokenHash, feedTokenOfFileName, newFeedToken } from './feed-token.js';

const spec = deciderSpecification(calendarFeedDecider);
const created: CalendarFeedCreatedData = {
  feedId: 'f1',
  subject: { kind: 'RESPONDER', id: 'ana' },
  tokenHash: 'ab'.repeat(32),
  createdBy: 'ana',
  createdByRole: 'responder',
  createdAt: '2026-07-15T12:00:00.000Z',
};
const createdEvent: CalendarFeedEvent = { type: 'CalendarFeedCreated', data: created };
const revoke = { type: 'RevokeCalendarFeed', feedId: 'f1', by: 'ana', at: '2026-07-16T00:00:00.000Z' } as const;
const revokedEvent: CalendarFeedEvent = {
  type: 'CalendarFeedRevoked',
  data: { feedId: 'f1', revokedBy: 'ana', revokedAt: '2026-07-16T00:00:00.000Z' },
};

describe('calendar feed decider', () => {
  it('creates a feed once', () => {
    spec
      .given([])
      .when({ type: 'CreateCalendarFeed', ...created })
      .then([createdEvent]);
    spec
      .given([createdEvent])
      .when({ type: 'CreateCalendarFeed', ...created })
      .thenThrows(ConflictError);
  });

  it('revokes a feed once; again records nothing', () => {
    spec.given([createdEvent]).when(revoke).then([revokedEvent]);
    spec.given([createdEvent, revokedEvent]).when(revoke).then([]);
    spec.given([]).when(revoke).thenThrows(NotFoundError);
  });
});

describe('feed tokens', () => {
  it('are 43 base64url characters, hashed for storage, read back from the file name only', () => {
    const token = newFeedToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newFeedToken()).not.toBe(token);
    expect(feedTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(feedTokenHash(token)).not.toContain(token);
    expect(feedTokenOfFileName(`${token}.ics`)).toBe(token);
    for (const name of [token, `${token}.ical`, `${token}x.ics`, '../etc.ics', `${token.slice(1)}!.ics`, '.ics']) {
      expect(feedTokenOfFileName(name)).toBeUndefined();
    }
  });
});

import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { responderDecider } from './responder.decider.js';
import type { ResponderEvent, ResponderRegisteredData } from './responder.events.js';

const spec = deciderSpecification(responderDecider);

const alice: ResponderRegisteredData = {
  responderId: 'alice',
  name: 'Alice',
  handle: 'alice',
  timeZone: 'Europe/Berlin',
  team: 'database',
  role: 'engineer',
  workingHours: [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
  onCallRestricted: false,
  registeredAt: '2026-11-01T00:00:00.000Z',
};
const registered: ResponderEvent = { type: 'ResponderRegistered', data: alice };

describe('responder decider', () => {
  it('registers a responder once', () => {
    spec
      .given([])
      .when({ type: 'RegisterResponder', ...alice })
      .then([registered]);
    spec
      .given([registered])
      .when({ type: 'RegisterResponder', ...alice })
      .thenThrows(ConflictError);
  });

  it('records a restriction change, and nothing when it does not change', () => {
    const restrict = {
      type: 'SetOnCallRestriction',
      responderId: 'alice',
      restricted: true,
      reason: 'local law',
      now: '2026-11-02T00:00:00.000Z',
    } as const;
    spec
      .given([registered])
      .when(restrict)
      .then([
        {
          type: 'ResponderOnCallRestrictionChanged',
          data: { responderId: 'alice', restricted: true, reason: 'local law', at: '2026-11-02T00:00:00.000Z' },
        },
      ]);
    spec
      .given([registered])
      .when({ ...restrict, restricted: false })
      .then([]);
  });

  it('refuses an unavailable span that ends before it starts', () => {
    spec
      .given([registered])
      .when({
        type: 'MarkUnavailable',
        responderId: 'alice',
        spanId: 's',
        start: '2026-11-03T00:00:00Z',
        end: '2026-11-02T00:00:00Z',
        reason: 'x',
      })
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe('end'));
  });

  it('answers NOT_FOUND for an unknown responder or span', () => {
    spec.given([]).when({ type: 'ClearUnavailability', responderId: 'bob', spanId: 's' }).thenThrows(NotFoundError);
    spec
      .given([registered])
      .when({ type: 'ClearUnavailability', responderId: 'alice', spanId: 'nope' })
      .thenThrows(NotFoundError);
  });
});

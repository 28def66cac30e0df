import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { responderDecider } from './responder.decider.js';
import type { ResponderEvent, ResponderRegisteredData } from './responder.events.js';

const spec = deciderSpecification(responderDecider);

const ana: ResponderRegisteredData = {
  responderId: 'ana',
  name: 'Ana',
  handle: 'ana',
  timeZone: 'America/New_York',
  team: 'support',
  role: 'engineer',
  workingHours: [{ weekdays: [], start: '11:00', end: '19:00' }],
  onCallRestricted: false,
  registeredAt: '2026-11-01T00:00:00.000Z',
};
const registered: ResponderEvent = { type: 'ResponderRegistered', data: ana };
const deactivated: ResponderEvent = {
  type: 'ResponderDeactivated',
  data: { responderId: 'ana', effectiveAt: '2026-11-16T05:00:00.000Z', effectiveDate: '2026-11-16' },
};
const deactivate = {
  type: 'DeactivateResponder' as const,
  responderId: 'ana',
  effectiveAt: '2026-11-16T05:00:00.000Z',
  effectiveDate: '2026-11-16',
  now: '2026-11-09T12:00:00.000Z',
};

describe('responder corrections', () => {
  it('records only the fields that change', () => {
    spec
      .given([registered])
      .when({
        type: 'UpdateResponder',
        responderId: 'ana',
        changes: { name: 'Ana Lima', team: 'support', role: 'manager' },
      })
      .then([
        { type: 'ResponderUpdated', data: { responderId: 'ana', changes: { name: 'Ana Lima', role: 'manager' } } },
      ]);
  });

  it('appends nothing for a correction that changes nothing', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateResponder', responderId: 'ana', changes: { name: 'Ana', workingHours: ana.workingHours } })
      .then([]);
  });

  it('refuses a zone that is not an IANA zone, and an unknown responder', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateResponder', responderId: 'ana', changes: { timeZone: 'EST5' } })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('timeZone'));
    spec
      .given([])
      .when({ type: 'UpdateResponder', responderId: 'ana', changes: { name: 'X' } })
      .thenThrows(NotFoundError);
  });

  it('folds a correction into the responder', () => {
    const state = [
      registered,
      { type: 'ResponderUpdated', data: { responderId: 'ana', changes: { timeZone: 'Europe/Lisbon' } } },
    ]
      .map((e) => e as ResponderEvent)
      .reduce(responderDecider.evolve, responderDecider.initialState());
    expect(state).toMatchObject({ name: 'Ana', timeZone: 'Europe/Lisbon' });
  });

  it('deactivates from a date, once', () => {
    spec.given([registered]).when(deactivate).then([deactivated]);
    spec.given([registered, deactivated]).when(deactivate).then([]);
  });

  it('refuses a deactivation date already past', () => {
    spec
      .given([registered])
      .when({ ...deactivate, now: '2026-11-18T12:00:00.000Z' })
      .thenThrows(BadUserInputError, (error) => expect(error.field).toBe('fromDate'));
  });

  it('takes no more corrections or unavailability once deactivated', () => {
    spec
      .given([registered, deactivated])
      .when({ type: 'UpdateResponder', responderId: 'ana', changes: { name: 'Ana Lima' } })
      .thenThrows(ConflictError);
    spec
      .given([registered, deactivated])
      .when({
        type: 'MarkUnavailable',
        responderId: 'ana',
        spanId: 's1',
        start: '2026-12-01T00:00:00Z',
        end: '2026-12-02T00:00:00Z',
        reason: 'leave',
      })
      .thenThrows(ConflictError);
  });
});

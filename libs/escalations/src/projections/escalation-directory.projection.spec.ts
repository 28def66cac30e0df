import { projectionSpecification } from '@app/event-store/testing';
import type { PresenceEvent } from '../domain/presence/presence.events.js';
import type { ServiceEvent } from '../domain/service/service.events.js';
import { EscalationDirectoryProjection } from './escalation-directory.projection.js';
import { EscalationQueries } from './escalation.queries.js';
import { EscalationsProjection } from './escalations.projection.js';

const spec = projectionSpecification(() => new EscalationDirectoryProjection());
const registered: ServiceEvent = {
  type: 'ServiceRegistered',
  data: {
    serviceId: 's1',
    name: 'Checkout',
    owningTeam: 'payments',
    secondTierRotationId: null,
    at: '2026-07-01T00:00:00Z',
    by: 'admin',
  },
};
const presence = (status: 'ONLINE' | 'AWAY', at: string): PresenceEvent => ({
  type: 'ResponderPresenceChanged',
  data: { responderId: 'ana', status, at, by: 'ana' },
});
const paged = (recipients: string[], pagedAt: string) => ({ type: 'ResponderPaged', data: { recipients, pagedAt } });

describe('escalation-directory projection', () => {
  it('knows services by id and by name, and a change of owner replaces the service', () => {
    spec
      .given([registered])
      .when([{ type: 'ServiceOwnershipChanged', data: { ...registered.data, owningTeam: 'platform' } }])
      .then((_, readModels) => {
        const queries = new EscalationQueries(readModels, new EscalationsProjection());
        expect(queries.service('s1')).toEqual({
          serviceId: 's1',
          name: 'Checkout',
          owningTeam: 'platform',
          secondTierRotationId: null,
        });
        expect(queries.serviceNamed('CHECKOUT')?.serviceId).toBe('s1');
        expect(queries.services()).toHaveLength(1);
      });
  });

  it('keeps each responder’s latest presence and the last time they were paged', () => {
    spec
      .given([presence('AWAY', '2026-07-01T08:00:00Z'), paged(['ana', 'bo'], '2026-07-01T09:00:00Z')])
      .when([presence('ONLINE', '2026-07-01T10:00:00Z'), paged(['ana'], '2026-07-01T08:30:00Z')])
      .then((_, readModels) => {
        const queries = new EscalationQueries(readModels, new EscalationsProjection());
        const known = queries.presence(['ana', 'bo']);
        expect(known.get('ana')).toEqual({
          responderId: 'ana',
          status: 'ONLINE',
          since: '2026-07-01T10:00:00Z',
          lastPagedAt: '2026-07-01T09:00:00Z',
        });
        expect(known.get('bo')).toMatchObject({ status: null, lastPagedAt: '2026-07-01T09:00:00Z' });
      });
  });
});

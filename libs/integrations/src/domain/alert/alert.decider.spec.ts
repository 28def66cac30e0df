import { deterministicId } from '@app/event-store/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { AlertAlreadyOpenedError, alertDecider, type AlertCommand } from './alert.decider.js';
import { alertStream, type AlertEvent, type AlertRaise } from './alert.events.js';

const spec = deciderSpecification(alertDecider);
const streamId = alertStream('k1', 'disk-full');
const raise: AlertRaise = {
  rotationId: 'r1',
  serviceId: null,
  severity: 'S2',
  title: 'Disk full',
  description: '',
  incidentTag: null,
  raisedAt: '2026-07-15T12:00:00.000Z',
  alert: {
    integrationKeyId: 'k1',
    integrationKeyName: 'm',
    kind: 'EVENTS_V2',
    dedupKey: 'disk-full',
    groupKey: null,
    maintenanceWindowId: null,
    summary: 'Disk full',
    labels: {},
    annotations: {},
    links: [],
    details: {},
    occurrenceKey: null,
  },
};
const open = (replaces: string | null): AlertCommand => ({
  type: 'OpenAlert',
  streamId,
  integrationKeyId: 'k1',
  dedupKey: 'disk-full',
  replaces,
  raise,
});
const opened = (n: number, replaces: string | null): AlertEvent => ({
  type: 'AlertOpened',
  data: {
    ...raise,
    integrationKeyId: 'k1',
    dedupKey: 'disk-full',
    escalationId: deterministicId(streamId, `opening-${n}`),
    replaces,
  },
});

describe('alert (dedup stream) decider', () => {
  it('names one stream per key and dedup key', () => {
    expect(alertStream('k1', 'disk-full')).toMatch(/^alert-k1-[0-9a-f]{64}$/);
    expect(alertStream('k1', 'disk-full')).not.toBe(alertStream('k2', 'disk-full'));
  });

  it('opens the first escalation with an id derived from the stream and the opening', () => {
    spec
      .given([])
      .when(open(null))
      .then([opened(0, null)]);
  });

  it('opens the next one after the previous closed, with another derived id', () => {
    const first = opened(0, null);
    spec
      .given([first])
      .when(open(first.data.escalationId))
      .then([opened(1, first.data.escalationId)]);
  });

  it('refuses to open from stale state (someone opened one meanwhile)', () => {
    spec
      .given([opened(0, null)])
      .when(open(null))
      .thenThrows(AlertAlreadyOpenedError);
  });
});

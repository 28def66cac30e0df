import { ConflictError } from '@app/core/pure';
import { deterministicId } from '@app/event-store/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { escalationDecider } from './escalation.decider.js';
import { AlertEscalationClosedError } from './escalation-alert.decide.js';
import type { AlertContent, AlertSourceData } from './escalation-alert.types.js';
import type { EscalationEvent, EscalationRaisedData } from './escalation.events.js';
import { defaultPolicy } from './escalation.types.js';
import type { StepFacts } from './paging.js';

const spec = deciderSpecification(escalationDecider);
const T0 = '2026-07-15T10:00:00.000Z';
const T1 = '2026-07-15T10:05:00.000Z';
const escalationId = 'e-alert';
const by = 'integration-key:k1';

const content: AlertContent = {
  summary: 'Disk full on db-1',
  labels: { alertname: 'DiskFull', severity: 'critical' },
  annotations: { summary: 'Disk full on db-1' },
  links: [{ href: 'http://prometheus/graph', text: null }],
  details: {},
  occurrenceKey: '2026-07-15T09:59:00Z',
};
const alert: AlertSourceData = {
  ...content,
  integrationKeyId: 'k1',
  integrationKeyName: 'prometheus',
  kind: 'ALERTMANAGER',
  dedupKey: 'fp-1',
  groupKey: '{}:{alertname="DiskFull"}',
  maintenanceWindowId: null,
};
const raisedData: EscalationRaisedData & { alert: AlertSourceData } = {
  escalationId,
  source: 'INFRASTRUCTURE',
  severity: 'S1',
  kind: null,
  title: 'Disk full on db-1',
  description: '',
  links: ['http://prometheus/graph'],
  rotationId: 'dev',
  serviceId: null,
  routedToServiceOwner: false,
  incidentTag: null,
  raisedAt: T0,
  raisedBy: by,
  policy: defaultPolicy('dev'),
  alert,
};
const paging: StepFacts[] = [
  {
    step: 0,
    layer: 'RESPONDER',
    rotationId: 'dev',
    source: 'ON_CALL',
    candidates: [{ responderId: 'ana', online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
    shadowIds: [],
    ackTimeoutMinutes: 15,
  },
];
const raise = { type: 'RaiseAlert' as const, pageId: 'p1', paging, ...raisedData };
const raised: EscalationEvent = {
  type: 'EscalationRaised',
  id: deterministicId(escalationId, 'raised'),
  data: raisedData,
};
const paged: EscalationEvent = {
  type: 'ResponderPaged',
  id: deterministicId(escalationId, 'paged'),
  data: {
    escalationId,
    pageId: 'p1',
    kind: 'POLICY_STEP',
    trigger: 'RAISED',
    step: 0,
    layer: 'RESPONDER',
    rotationId: 'dev',
    recipients: ['ana'],
    shadowIds: [],
    pagedAt: T0,
    ackDeadline: '2026-07-15T10:15:00.000Z',
    ackSloSeconds: 900,
    selection: { rule: 'ON_CALL', candidates: [{ ...paging[0].candidates[0], chosen: true }] },
    skippedSteps: [],
  },
};
const resolved: EscalationEvent = {
  type: 'EscalationResolved',
  data: { escalationId, at: T1, by, note: 'Resolved by its alert' },
};
const occurrence = (occurrenceKey: string | null, count = 1) => ({
  type: 'RecordAlertOccurrence' as const,
  escalationId,
  at: T1,
  count,
  content: { ...content, summary: 'Disk still full', occurrenceKey },
  maintenanceWindowId: null,
});

describe('escalation decider: alerts from integrations', () => {
  it('raises with deterministic ids and pages the first step', () => {
    spec.given([]).when(raise).then([raised, paged]);
  });

  it('raises once: a retried raise (after a crash or a race) appends nothing', () => {
    spec.given([raised, paged]).when(raise).then([]);
  });

  it('pages nobody in a maintenance window', () => {
    const muted = { ...raisedData, alert: { ...alert, maintenanceWindowId: 'w1' } };
    spec
      .given([])
      .when({ ...raise, ...muted, paging: null })
      .then([{ type: 'EscalationRaised', id: deterministicId(escalationId, 'raised'), data: muted }]);
  });

  it('records a new occurrence, and ignores a resend of the same firing', () => {
    spec
      .given([raised, paged])
      .when(occurrence('2026-07-15T10:04:00Z', 3))
      .then([
        {
          type: 'AlertOccurred',
          data: {
            escalationId,
            count: 3,
            at: T1,
            maintenanceWindowId: null,
            ...content,
            summary: 'Disk still full',
            occurrenceKey: '2026-07-15T10:04:00Z',
          },
        },
      ]);
    spec.given([raised, paged]).when(occurrence(content.occurrenceKey)).then([]);
  });

  it('refuses an occurrence on a closed escalation, so the intake opens a new one', () => {
    spec.given([raised, paged, resolved]).when(occurrence(null)).thenThrows(AlertEscalationClosedError);
  });

  it('acknowledges the waiting pages on behalf of the integration, once', () => {
    const ack = { type: 'AcknowledgeAlert' as const, escalationId, at: T1, by };
    const acknowledged: EscalationEvent = {
      type: 'AlertAcknowledged',
      data: { escalationId, pageIds: ['p1'], at: T1, by },
    };
    spec.given([raised, paged]).when(ack).then([acknowledged]);
    spec.given([raised, paged, acknowledged]).when(ack).then([]);
    spec.given([raised, paged, resolved]).when(ack).then([]);
  });

  it('resolves the escalation and cancels its waiting pages; a second resolve changes nothing', () => {
    const resolve = { type: 'ResolveAlert' as const, escalationId, at: T1, by };
    spec
      .given([raised, paged])
      .when(resolve)
      .then([
        resolved,
        { type: 'PageCancelled', data: { escalationId, pageId: 'p1', at: T1, reason: 'ESCALATION_CLOSED' } },
      ]);
    spec.given([raised, paged, resolved]).when(resolve).then([]);
  });

  it('counts occurrences in the state', () => {
    const state = [raised, paged].reduce(escalationDecider.evolve, escalationDecider.initialState());
    const next = escalationDecider.evolve(state, {
      type: 'AlertOccurred',
      data: { escalationId, count: 4, at: T1, maintenanceWindowId: null, ...content },
    });
    expect(next?.alert).toMatchObject({ occurrences: 5, firstOccurredAt: T0, lastOccurredAt: T1 });
  });

  it('refuses alert steps on an escalation a person raised', () => {
    const { alert: _, ...byPerson } = raisedData;
    spec
      .given([{ type: 'EscalationRaised', data: byPerson }])
      .when(occurrence(null))
      .thenThrows(ConflictError);
  });
});

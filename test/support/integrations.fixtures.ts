import request from 'supertest';
import { createRotation, registerResponder } from './scheduling.fixtures.js';
import type { TestApp } from './test-app.js';

export const CREATE_KEY = `mutation($input: CreateIntegrationKeyInput!) {
  createIntegrationKey(input: $input) { key integrationKey { id name kind defaultSeverity createdBy { kind id } } } }`;

export const ALERT_FIELDS = `id title severity state incidentTag incidentTag
  pages { nodes { state recipients { handle } acknowledgedAt } }
  alert { dedupKey occurrences firstOccurredAt lastOccurredAt summary details groupKey maintenanceWindowId acknowledgedAt
    labels { name value } annotations { name value } links { href text } integrationKey { id name kind } }`;

export const ALERT_ESCALATIONS = `query($filter: AlertEscalationsFilter, $first: Int) {
  alertEscalations(filter: $filter, first: $first) { totalCount nodes { ${ALERT_FIELDS} } } }`;

export interface AlertSetup {
  rotationId: string;
  responderId: string;
}

/** A rotation with one responder on call all day, to page. */
export async function setUpAlertRotation(app: TestApp, handle = 'sre-1'): Promise<AlertSetup> {
  const responderId = await registerResponder(app, { handle });
  const rotationId = await createRotation(app, {
    name: `Alerts ${handle}`,
    pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
    participantIds: [responderId],
  });
  return { rotationId, responderId };
}

export async function createKey(
  app: TestApp,
  input: Record<string, unknown>,
): Promise<{ key: string; id: string; name: string }> {
  const data = await app.ok(CREATE_KEY, { input: { name: 'monitoring', kind: 'EVENTS_V2', ...input } });
  const created = data.createIntegrationKey;
  return { key: created.key, id: created.integrationKey.id, name: created.integrationKey.name };
}

export function enqueue(app: TestApp, body: unknown) {
  return request(app.server)
    .post('/v2/enqueue')
    .send(body as object);
}

export async function alertEscalations(app: TestApp, filter: Record<string, unknown> = {}) {
  return (await app.ok(ALERT_ESCALATIONS, { filter, first: 100 })).alertEscalations;
}

export const trigger = (
  routingKey: string,
  extra: Record<string, unknown> = {},
  payload: Record<string, unknown> = {},
) => ({
  routing_key: routingKey,
  event_action: 'trigger',
  payload: {
    summary: 'Example alert on host1.example.com',
    source: 'monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003',
    severity: 'info',
    ...payload,
  },
  ...extra,
});

/** An Alertmanager webhook notification (payload version 4). */
export function notification(alerts: unknown[], groupKey = '{}:{alertname="HighLatency"}') {
  return {
    version: '4',
    groupKey,
    truncatedAlerts: 0,
    status: alerts.every((a) => (a as { status?: string } | null)?.status === 'resolved') ? 'resolved' : 'firing',
    receiver: 'incident-coordination',
    groupLabels: { alertname: 'HighLatency' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts,
  };
}

export const alert = (fingerprint: string, extra: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: { alertname: 'HighLatency', instance: fingerprint, severity: 'warning' },
  annotations: { summary: `Latency high on ${fingerprint}` },
  startsAt: '2026-07-15T11:59:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example:9090/graph',
  fingerprint,
  ...extra,
});

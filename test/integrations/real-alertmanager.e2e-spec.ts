import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { AlertmanagerProcess, alertmanagerInstalled } from '../support/alertmanager-process.js';
import { alertEscalations, createKey, setUpAlertRotation } from '../support/integrations.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A real Prometheus Alertmanager (Debian package prometheus-alertmanager) routes alerts to our
 * webhook and, in a second receiver, to /v2/enqueue through its own pagerduty_configs. Alerts are
 * posted to Alertmanager's API, as Prometheus does.
 */
const installed = alertmanagerInstalled();
const inCi = process.env.CI === 'true';
if (!installed && !inCi) {
  console.warn(
    'Skipping the real Alertmanager test: prometheus-alertmanager is not installed ' +
      '(apt-get install -y prometheus-alertmanager; .ci/run installs it, and CI fails without it)',
  );
}

(installed || inCi ? describe : describe.skip)('a real Prometheus Alertmanager sending to us', () => {
  let app: TestApp;
  let alertmanager: AlertmanagerProcess;
  let webhookKeyId: string;
  let eventsKeyId: string;

  beforeAll(async () => {
    if (!installed) throw new Error('prometheus-alertmanager is not installed: CI must install it (see .ci/run)');
    app = await startTestApp();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    const port = (app.server.address() as AddressInfo).port;
    const { rotationId } = await setUpAlertRotation(app, 'sre-am');
    const webhook = await createKey(app, {
      name: 'prometheus',
      kind: 'ALERTMANAGER',
      rotationId,
      defaultSeverity: 'S3',
    });
    const events = await createKey(app, {
      name: 'prometheus-pd',
      kind: 'EVENTS_V2',
      rotationId,
      defaultSeverity: 'S3',
    });
    webhookKeyId = webhook.id;
    eventsKeyId = events.id;
    alertmanager = new AlertmanagerProcess();
    await alertmanager.start(`
route:
  receiver: ours
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 2s
  routes:
    - matchers: ['via="pagerduty"']
      receiver: ours-as-pagerduty
receivers:
  - name: ours
    webhook_configs:
      - url: http://127.0.0.1:${port}/integrations/alertmanager/${webhook.key}
        send_resolved: true
  - name: ours-as-pagerduty
    pagerduty_configs:
      - routing_key: ${events.key}
        url: http://127.0.0.1:${port}/v2/enqueue
        send_resolved: true
        severity: critical
`);
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await app?.close();
  });

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}\n${alertmanager.output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const firing = (instance: string, via?: string) => ({
    labels: { alertname: 'HighLatency', instance, severity: 'critical', ...(via ? { via } : {}) },
    annotations: { summary: `p99 latency above 2 s on ${instance}`, description: 'since the last deploy' },
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=latency',
    startsAt: new Date(Date.now() - 60_000).toISOString(),
  });

  it('opens one escalation per alert through the webhook, pages, ignores resends, and resolves', async () => {
    const alerts = [firing('api-1'), firing('api-2')];
    await alertmanager.postAlerts(alerts);
    const opened = await eventually(
      () => alertEscalations(app, { integrationKeyId: webhookKeyId }),
      (c) => c.totalCount === 2,
      'two escalations from the webhook',
    );
    for (const node of opened.nodes) {
      expect(node).toMatchObject({
        severity: 'S1',
        state: 'OPEN',
        pages: { nodes: [{ state: 'TRIGGERED', recipients: [{ handle: 'sre-am' }] }] },
      });
      expect(node.alert.labels).toContainEqual({ name: 'alertname', value: 'HighLatency' });
      expect(node.alert.dedupKey).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(new Set(opened.nodes.map((n: any) => n.incidentTag)).size).toBe(1);

    const sent = await alertmanager.notificationsSent('webhook');
    await eventually(
      () => alertmanager.notificationsSent('webhook'),
      (n) => n >= sent + 2,
      'resends (repeat_interval)',
    );
    const afterResends = await alertEscalations(app, { integrationKeyId: webhookKeyId });
    expect(afterResends.totalCount).toBe(2);
    expect(afterResends.nodes.map((n: any) => [n.alert.occurrences, n.pages.nodes.length])).toEqual([
      [1, 1],
      [1, 1],
    ]);

    await alertmanager.postAlerts(alerts.map((a) => ({ ...a, endsAt: new Date(Date.now() - 1000).toISOString() })));
    const resolved = await eventually(
      () => alertEscalations(app, { integrationKeyId: webhookKeyId }),
      (c) => c.nodes.every((n: any) => n.state === 'RESOLVED'),
      'the escalations resolved',
    );
    expect(resolved.totalCount).toBe(2);
  }, 60_000);

  it('takes Alertmanager’s pagerduty_configs on /v2/enqueue: one escalation per group, deduplicated, resolved', async () => {
    const alerts = [firing('db-1', 'pagerduty'), firing('db-2', 'pagerduty')];
    await alertmanager.postAlerts(alerts);
    const opened = await eventually(
      () => alertEscalations(app, { integrationKeyId: eventsKeyId }),
      (c) => c.totalCount === 1,
      'an escalation from pagerduty_configs',
    );
    const [escalation] = opened.nodes;
    expect(escalation).toMatchObject({
      severity: 'S1',
      state: 'OPEN',
      pages: { nodes: [{ recipients: [{ handle: 'sre-am' }] }] },
    });
    // Alertmanager's dedup key is the SHA-256 of the group key.
    const groupKey = '{}/{via="pagerduty"}:{alertname="HighLatency"}';
    expect(escalation.alert.dedupKey).toBe(createHash('sha256').update(groupKey).digest('hex'));

    const sent = await alertmanager.notificationsSent('pagerduty');
    await eventually(
      () => alertmanager.notificationsSent('pagerduty'),
      (n) => n >= sent + 2,
      'resends',
    );
    const afterResends = await alertEscalations(app, { integrationKeyId: eventsKeyId });
    expect(afterResends.totalCount).toBe(1);
    expect(afterResends.nodes[0].pages.nodes).toHaveLength(1);
    expect(afterResends.nodes[0].alert.occurrences).toBeGreaterThanOrEqual(2);

    await alertmanager.postAlerts(alerts.map((a) => ({ ...a, endsAt: new Date(Date.now() - 1000).toISOString() })));
    await eventually(
      () => alertEscalations(app, { integrationKeyId: eventsKeyId }),
      (c) => c.nodes[0].state === 'RESOLVED',
      'the escalation resolved',
    );
  }, 60_000);
});

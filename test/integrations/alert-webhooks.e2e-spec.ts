import request from 'supertest';
import {
  alert,
  alertEscalations,
  createKey,
  notification,
  setUpAlertRotation,
} from '../support/integrations.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Alertmanager (payload version 4) and Grafana webhooks: one escalation per alert fingerprint. */
describe('Alertmanager and Grafana webhooks (over HTTP)', () => {
  let app: TestApp;
  let amKey: { key: string; id: string };
  let grafanaKey: { key: string; id: string };

  beforeAll(async () => {
    app = await startTestApp();
    const { rotationId } = await setUpAlertRotation(app);
    amKey = await createKey(app, { name: 'prometheus', kind: 'ALERTMANAGER', rotationId, defaultSeverity: 'S2' });
    grafanaKey = await createKey(app, { name: 'grafana', kind: 'GRAFANA', rotationId, defaultSeverity: 'S4' });
  });

  afterAll(() => app.close());

  const post = (path: string, body: unknown) =>
    request(app.server)
      .post(path)
      .send(body as object);
  const eventCount = async () => (await app.store.readAll()).length;

  it('opens one escalation per alert, keeping labels and annotations, severity from the label', async () => {
    const body = notification([
      alert('fp-a'),
      alert('fp-b', { labels: { alertname: 'HighLatency', instance: 'b' }, annotations: {} }),
    ]);
    const response = await post(`/integrations/alertmanager/${amKey.key}`, body);
    expect(response.status).toBe(200);
    const { nodes } = await alertEscalations(app, { integrationKeyId: amKey.id });
    const byKey = Object.fromEntries(nodes.map((n: any) => [n.alert.dedupKey, n]));
    expect(byKey['fp-a']).toMatchObject({ title: 'Latency high on fp-a', severity: 'S3', state: 'OPEN' });
    expect(byKey['fp-a'].alert.labels).toContainEqual({ name: 'severity', value: 'warning' });
    expect(byKey['fp-a'].alert.annotations).toEqual([{ name: 'summary', value: 'Latency high on fp-a' }]);
    expect(byKey['fp-a'].alert.links).toEqual([{ href: 'http://prometheus.example:9090/graph', text: 'Source' }]);
    // No summary annotation: the alert name; no severity label: the key's default.
    expect(byKey['fp-b']).toMatchObject({ title: 'HighLatency', severity: 'S2' });
    expect(byKey['fp-a'].pages.nodes).toHaveLength(1);
  });

  it('groups distinct alerts of one Alertmanager group under one incident tag', async () => {
    const { nodes } = await alertEscalations(app, { integrationKeyId: amKey.id });
    const tags = new Set(nodes.map((n: any) => n.incidentTag));
    expect(tags.size).toBe(1);
    expect([...tags][0]).toMatch(/^alert-group-[0-9a-f]{16}$/);
    expect(nodes[0].alert.groupKey).toBe('{}:{alertname="HighLatency"}');
  });

  it('changes nothing on a resend (repeat_interval)', async () => {
    const before = await eventCount();
    const response = await post(`/integrations/alertmanager/${amKey.key}`, notification([alert('fp-a')]));
    expect(response.status).toBe(200);
    expect(await eventCount()).toBe(before);
  });

  it('records a new firing of an open alert as an occurrence', async () => {
    await app.advanceClock('2026-07-15T12:10:00Z');
    await post(
      `/integrations/alertmanager/${amKey.key}`,
      notification([alert('fp-a', { startsAt: '2026-07-15T12:09:00Z' })]),
    );
    const [escalation] = (await alertEscalations(app, { dedupKey: 'fp-a' })).nodes;
    expect(escalation.alert.occurrences).toBe(2);
    expect(escalation.pages.nodes).toHaveLength(1);
  });

  it('resolves the escalation when the alert resolves; a firing after that opens a new one', async () => {
    const resolved = alert('fp-a', { status: 'resolved', endsAt: '2026-07-15T12:11:00Z' });
    expect((await post(`/integrations/alertmanager/${amKey.key}`, notification([resolved]))).status).toBe(200);
    expect((await alertEscalations(app, { dedupKey: 'fp-a' })).nodes.map((n: any) => n.state)).toEqual(['RESOLVED']);
    const before = await eventCount();
    await post(`/integrations/alertmanager/${amKey.key}`, notification([resolved]));
    expect(await eventCount()).toBe(before);
    await app.advanceClock('2026-07-15T12:20:00Z');
    await post(
      `/integrations/alertmanager/${amKey.key}`,
      notification([alert('fp-a', { startsAt: '2026-07-15T12:19:00Z' })]),
    );
    expect((await alertEscalations(app, { dedupKey: 'fp-a' })).nodes.map((n: any) => n.state)).toEqual([
      'OPEN',
      'RESOLVED',
    ]);
  });

  it('takes Grafana notifications by POST and PUT', async () => {
    const grafana = {
      ...notification([
        alert('gf-1', {
          values: { B: 22.5 },
          silenceURL: 'http://grafana/silence',
          labels: { alertname: 'CPU', severity: 's1' },
        }),
      ]),
      orgId: 1,
      version: '1',
      title: '[FIRING:1] CPU',
      state: 'alerting',
      message: 'deprecated',
    };
    expect((await post(`/integrations/grafana/${grafanaKey.key}`, grafana)).status).toBe(200);
    expect((await request(app.server).put(`/integrations/grafana/${grafanaKey.key}`).send(grafana)).status).toBe(200);
    const { nodes } = await alertEscalations(app, { integrationKeyId: grafanaKey.id });
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({ severity: 'S1', alert: { occurrences: 1, integrationKey: { kind: 'GRAFANA' } } });
  });

  it('answers 404 for an unknown key or a key of another kind, appending nothing', async () => {
    const before = await eventCount();
    for (const path of [
      '/integrations/alertmanager/0123456789abcdef0123456789abcdef',
      `/integrations/alertmanager/${grafanaKey.key}`,
      `/integrations/grafana/${amKey.key}`,
    ]) {
      expect((await post(path, notification([alert('fp-x')]))).status).toBe(404);
    }
    expect(await eventCount()).toBe(before);
  });

  it('answers 400 for an invalid notification', async () => {
    const before = await eventCount();
    for (const body of [
      { alerts: 'x' },
      notification([{ status: 'firing' }]),
      notification([alert('f', { labels: { a: 1 } })]),
    ]) {
      const response = await post(`/integrations/alertmanager/${amKey.key}`, body);
      expect(response.status).toBe(400);
      expect(response.body.status).toBe('invalid event');
    }
    expect(await eventCount()).toBe(before);
  });

  it('routes a service key’s alerts to its owning team’s second tier, silenced by the service’s window', async () => {
    const { rotationId } = await setUpAlertRotation(app, 'gitaly-sre');
    const service = await app.ok(`mutation($input: RegisterServiceInput!) { registerService(input: $input) { id } }`, {
      input: { name: 'Gitaly', owningTeam: 'gitaly', secondTierRotationId: rotationId },
    });
    const serviceId = service.registerService.id;
    const key = await createKey(app, { name: 'gitaly', kind: 'ALERTMANAGER', serviceId, defaultSeverity: 'S2' });
    await post(`/integrations/alertmanager/${key.key}`, notification([alert('svc-1')]));
    const routed = await app.ok(
      `query($f: OpenEscalationsFilter) { openEscalations(filter: $f) { nodes { rotation { id } service { name }
         pages { nodes { recipients { handle } } } } } }`,
      { f: { integrationKeyId: key.id } },
    );
    expect(routed.openEscalations.nodes).toEqual([
      {
        rotation: { id: rotationId },
        service: { name: 'Gitaly' },
        pages: { nodes: [{ recipients: [{ handle: 'gitaly-sre' }] }] },
      },
    ]);
    await app.ok(
      `mutation($input: ScheduleMaintenanceWindowInput!) { scheduleMaintenanceWindow(input: $input) { id } }`,
      { input: { serviceId, start: '2026-07-15T12:00:00Z', end: '2026-07-15T12:30:00Z', reason: 'failover drill' } },
    );
    await post(`/integrations/alertmanager/${key.key}`, notification([alert('svc-2')]));
    const [silenced] = (await alertEscalations(app, { dedupKey: 'svc-2' })).nodes;
    expect(silenced.pages.nodes).toEqual([]);
  });

  it('records alerts in a maintenance window without paging anyone', async () => {
    const { rotationId } = await setUpAlertRotation(app, 'sre-maint');
    const key = await createKey(app, { name: 'maint', kind: 'ALERTMANAGER', rotationId, defaultSeverity: 'S2' });
    const manager = await app.as('manager', 'a-manager');
    const scheduled = await manager.ok(
      `mutation($input: ScheduleMaintenanceWindowInput!) { scheduleMaintenanceWindow(input: $input) {
         id reason start end rotation { id } scheduledBy { kind id } } }`,
      { input: { rotationId, start: '2026-07-15T12:00:00Z', end: '2026-07-15T14:00:00Z', reason: 'database upgrade' } },
    );
    const windowId = scheduled.scheduleMaintenanceWindow.id;
    expect(scheduled.scheduleMaintenanceWindow.scheduledBy).toEqual({ kind: 'OPERATOR', id: 'a-manager' });
    const active = await app.ok(`query($at: DateTime) { maintenanceWindows(activeAt: $at) { nodes { id reason } } }`, {
      at: '2026-07-15T13:00:00Z',
    });
    expect(active.maintenanceWindows.nodes).toEqual([{ id: windowId, reason: 'database upgrade' }]);
    expect(
      (await app.ok(`{ maintenanceWindows(activeAt: "2026-07-15T15:00:00Z") { nodes { id } } }`)).maintenanceWindows
        .nodes,
    ).toEqual([]);

    await post(`/integrations/alertmanager/${key.key}`, notification([alert('maint-1')]));
    let [escalation] = (await alertEscalations(app, { integrationKeyId: key.id })).nodes;
    expect(escalation.pages.nodes).toEqual([]);
    expect(escalation.alert.maintenanceWindowId).toBe(windowId);

    const tooLong = await manager.gql(
      `mutation($input: ScheduleMaintenanceWindowInput!) { scheduleMaintenanceWindow(input: $input) { id } }`,
      { input: { rotationId, start: '2026-07-15T12:00:00Z', end: '2026-07-16T12:00:01Z', reason: 'too long' } },
    );
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'end' });

    await manager.ok(`mutation($id: ID!) { endMaintenanceWindow(id: $id) { endedAt endedBy { id } } }`, {
      id: windowId,
    });
    await post(`/integrations/alertmanager/${key.key}`, notification([alert('maint-2')]));
    [escalation] = (await alertEscalations(app, { dedupKey: 'maint-2' })).nodes;
    expect(escalation.pages.nodes).toHaveLength(1);
  });
});

describe('alert storms: the per-key rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ integrations: { alertRateLimitPerMinute: 5 } });
  });

  afterAll(() => app.close());

  it('answers 429 with Retry-After beyond the limit and keeps every event it accepted', async () => {
    const { rotationId } = await setUpAlertRotation(app);
    const { key, id } = await createKey(app, { rotationId, defaultSeverity: 'S3' });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await request(app.server)
        .post('/v2/enqueue')
        .send({
          routing_key: key,
          event_action: 'trigger',
          dedup_key: `d-${i}`,
          payload: { summary: `s${i}`, source: 'h', severity: 'info' },
        });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429, 429]);
    const { totalCount } = await alertEscalations(app, { integrationKeyId: id });
    expect(totalCount).toBe(5);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServiceProcess } from '../support/service-process.js';

/** The built service's request log (pino-http, JSON lines) never holds an integration key. */
describe('integration keys stay out of the logs (built service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'intake-logs-'));
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redacts the key in webhook paths and in routing_key', async () => {
    service = new ServiceProcess(await freePort(), {
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
      JWT_SECRET_FILE: join(dir, 'jwt-secret'),
      LOG_LEVEL: 'info',
    });
    service.issueAdminToken();
    await service.start();
    const ok = async (query: string, variables?: Record<string, unknown>) => {
      const result = await service.gql(query, variables);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const responder = await ok(`mutation { registerResponder(input: { name: "Ana", handle: "ana", timeZone: "UTC",
      team: "sre", role: ENGINEER }) { id } }`);
    const rotation = await ok(
      `mutation($p: [ID!]!) { createRotation(input: { name: "SRE", team: "sre",
      timeZone: "UTC", startDate: "2026-01-01", pattern: { cycle: DAILY, handoffs: [{ time: "00:00" }] },
      participantIds: $p }) { id } }`,
      { p: [responder.registerResponder.id] },
    );
    const keys: string[] = [];
    for (const kind of ['ALERTMANAGER', 'EVENTS_V2']) {
      const created = await ok(
        `mutation($r: ID!, $k: IntegrationKind!) { createIntegrationKey(input: { name: "m",
        kind: $k, rotationId: $r }) { key } }`,
        { r: rotation.createRotation.id, k: kind },
      );
      keys.push(created.createIntegrationKey.key);
    }
    const [webhookKey, routingKey] = keys;
    const webhook = await fetch(`${service.url}/integrations/alertmanager/${webhookKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        alerts: [{ status: 'firing', fingerprint: 'f1', labels: { alertname: 'Up' } }],
      }),
    });
    expect(webhook.status).toBe(200);
    const enqueue = await fetch(`${service.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: routingKey,
        event_action: 'trigger',
        payload: { summary: 's', source: 'h', severity: 'info' },
      }),
    });
    expect(enqueue.status).toBe(202);
    const unknown = await fetch(`${service.url}/integrations/grafana/${'f'.repeat(32)}?x=1`, {
      method: 'POST',
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const lines = service.output
      .split('\n')
      .filter((line) => line.includes('"/integrations/') || line.includes('/v2/enqueue'));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(service.output).toContain('/integrations/alertmanager/[REDACTED]');
    for (const secret of [webhookKey, routingKey, 'f'.repeat(32)]) expect(service.output).not.toContain(secret);
  }, 60_000);
});

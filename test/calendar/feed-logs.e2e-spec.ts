import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ServiceProcess } from '../support/service-process.js';

/** The built service's request log (pino-http, JSON lines) never holds a calendar feed's token. */
describe('calendar feed tokens stay out of the logs (built service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feed-logs-'));
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs feed requests with the token redacted, and serves the feed at PUBLIC_URL', async () => {
    const port = await freePort();
    service = new ServiceProcess(port, {
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
      JWT_SECRET_FILE: join(dir, 'jwt-secret'),
      PUBLIC_URL: `http://127.0.0.1:${port}/`,
      LOG_LEVEL: 'info',
    });
    service.issueAdminToken();
    await service.start();
    const ok = async (query: string, variables?: Record<string, unknown>) => {
      const result = await service.gql(query, variables);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data;
    };
    const responder = await ok(`mutation { registerResponder(input: { name: "Ana", handle: "ana",
      timeZone: "Europe/Berlin", team: "sre", role: ENGINEER }) { id } }`);
    await ok(
      `mutation($p: [ID!]!) { createRotation(input: { name: "SRE", team: "sre", timeZone: "Europe/Berlin",
      startDate: "2026-01-01", pattern: { cycle: DAILY, handoffs: [{ time: "09:00" }] }, participantIds: $p }) { id } }`,
      { p: [responder.registerResponder.id] },
    );
    const created = await ok(`mutation($r: ID!) { createCalendarFeed(input: { responderId: $r }) { id url } }`, {
      r: responder.registerResponder.id,
    });
    const { id, url } = created.createCalendarFeed;
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:On call: SRE');
    await ok(`mutation($id: ID!) { revokeCalendarFeed(id: $id) { state } }`, { id });
    expect((await fetch(url)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const token = new URL(url).pathname.split('/')[2].replace(/\.ics$/, '');
    expect(service.output.split('\n').filter((line) => line.includes('"/calendar/[REDACTED]"')).length).toBe(2);
    expect(service.output).not.toContain(token);
  }, 90_000);
});

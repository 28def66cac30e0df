import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { codeIn, TestSmtpServer } from '../support/notifications.fixtures.js';
import { freePort, ServiceProcess } from '../support/service-process.js';

const REGISTER = `mutation($input: RegisterResponderInput!) { registerResponder(input: $input) { id } }`;
const ROTATION = `mutation($input: CreateRotationInput!) { createRotation(input: $input) { id } }`;
const ADD = `mutation($input: AddContactMethodInput!) { addContactMethod(input: $input) { id } }`;
const VERIFY = `mutation($input: VerifyContactMethodInput!) { verifyContactMethod(input: $input) { verified } }`;
const RAISE = `mutation($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }`;

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The built service as a child process, killed with SIGKILL while it is sending a page's e-mail
 * (the SMTP server has taken the message but not answered): after the restart the send, claimed
 * but without a result, is made again once its lease has run out, and the mail arrives once.
 */
describe('kill -9 between a page and its e-mail (built service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kill9-notify-'));
  let smtp: TestSmtpServer;
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    await smtp?.down();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the page once after the restart', async () => {
    smtp = await TestSmtpServer.start();
    const env = {
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
      JWT_SECRET_FILE: join(dir, 'jwt-secret'),
      NOTIFICATION_SECRET: '', // generated in the file below, and read back after the restart
      NOTIFICATION_SECRET_FILE: join(dir, 'notification-secret'),
      SMTP_URL: smtp.url,
      DUE_TASK_POLL_INTERVAL_MS: '100',
      NOTIFICATION_SEND_LEASE_MS: '2000',
    };
    service = new ServiceProcess(await freePort(), env);
    const token = service.issueAdminToken();
    await service.start();
    const ok = async (query: string, input: Record<string, unknown>) => {
      const result = await service.gql(query, { input });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const ana = (
      await ok(REGISTER, {
        name: 'Ana',
        handle: 'ana',
        timeZone: 'America/New_York',
        team: 'support',
        role: 'ENGINEER',
      })
    ).registerResponder.id;
    const rotationId = (
      await ok(ROTATION, {
        name: 'AMER 1',
        team: 'support',
        timeZone: 'America/New_York',
        startDate: '2026-01-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: '08:00' }] },
        participantIds: [ana],
      })
    ).createRotation.id;
    const method = (await ok(ADD, { responderId: ana, kind: 'EMAIL', address: 'ana@example.com' })).addContactMethod.id;
    await waitUntil(() => smtp.to('ana@example.com').length === 1, 'the verification mail');
    await ok(VERIFY, { contactMethodId: method, code: codeIn(smtp.to('ana@example.com')[0]) });

    smtp.stall = true;
    await ok(RAISE, { source: 'SUPPORT', severity: 'S1', title: 'Payments down', description: '', rotationId });
    await waitUntil(() => smtp.stalled === 1, 'the page e-mail to reach the SMTP server');
    await service.kill9();
    smtp.stall = false;

    service = new ServiceProcess(service.port, env);
    service.token = token;
    await service.start();
    const pageMails = () => smtp.to('ana@example.com').filter((m) => m.subject?.startsWith('[S1] Payments down'));
    await waitUntil(() => pageMails().length === 1, 'the page e-mail after the restart');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(pageMails()).toHaveLength(1);

    const events = new BetterSqlite3(env.SQLITE_PATH, { readonly: true });
    const rows = events
      .prepare(
        `SELECT type, json_extract(data, '$.attempt') AS attempt FROM events
         WHERE stream_id LIKE 'notification-delivery-%' AND json_extract(data, '$.messageKind') = 'PAGE' ORDER BY position`,
      )
      .all();
    events.close();
    expect(statSync(env.NOTIFICATION_SECRET_FILE).mode & 0o777).toBe(0o600);
    expect(rows).toEqual([
      { type: 'NotificationSendStarted', attempt: 1 },
      { type: 'NotificationSendStarted', attempt: 2 },
      { type: 'NotificationDelivered', attempt: 2 },
    ]);
  }, 60_000);
});

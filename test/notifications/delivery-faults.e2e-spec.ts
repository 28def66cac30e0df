import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/core';
import { as, raise } from '../support/escalations.fixtures.js';
import {
  addVerifiedEmail,
  PAGE_NOTIFICATIONS,
  runDue,
  SET_RULES,
  setUpAmerRotation,
  TestSmtpServer,
} from '../support/notifications.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const retry = { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 600_000 };

async function pageNotifications(app: TestApp, escalationId: string) {
  return (await app.ok(PAGE_NOTIFICATIONS, { id: escalationId })).escalation;
}

/** Delivery under faults: an SMTP server that is down for a while, a sender that died mid-send, two instances. */
describe('delivery faults', () => {
  const dirs: string[] = [];
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
  });

  afterEach(async () => {
    await smtp.down();
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('retries with backoff while the SMTP server is down, then delivers once it is back', async () => {
    const app = await startTestApp({ notifications: { smtpUrl: smtp.url, retry } });
    try {
      const team = await setUpAmerRotation(app);
      await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana@example.com');
      await smtp.down();
      const raised = await raise(app, {
        source: 'SUPPORT',
        severity: 'S2',
        title: 'Queue stuck',
        rotationId: team.rotationId,
      });
      await runDue(app);
      let [notification] = (await pageNotifications(app, raised.id)).pages.nodes[0].notifications;
      expect(notification).toMatchObject({
        state: 'RETRYING',
        attempts: 1,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      });

      await app.advanceClock('2026-07-15T12:01:00Z');
      [notification] = (await pageNotifications(app, raised.id)).pages.nodes[0].notifications;
      expect(notification).toMatchObject({ state: 'RETRYING', attempts: 2 });

      await smtp.up();
      await app.advanceClock('2026-07-15T12:03:00Z');
      [notification] = (await pageNotifications(app, raised.id)).pages.nodes[0].notifications;
      expect(notification).toMatchObject({
        state: 'DELIVERED',
        attempts: 3,
        lastError: null,
        sentAt: '2026-07-15T12:03:00.000Z',
      });
      expect(smtp.to('ana@example.com').filter((m) => m.subject?.startsWith('[S2]'))).toHaveLength(1);
      const stream = await app.store.readStream(`notification-delivery-${notification.id}`);
      expect(stream.map((e) => [e.type, e.data.attempt])).toEqual([
        ['NotificationSendStarted', 1],
        ['NotificationAttemptFailed', 1],
        ['NotificationSendStarted', 2],
        ['NotificationAttemptFailed', 2],
        ['NotificationSendStarted', 3],
        ['NotificationDelivered', 3],
      ]);
      const retryAt = Date.parse(stream[1].data.retryAt as string) - Date.parse('2026-07-15T12:00:00Z');
      expect(retryAt).toBeGreaterThanOrEqual(30_000);
      expect(retryAt).toBeLessThanOrEqual(60_000);
    } finally {
      await app.close();
    }
  });

  it('marks a delivery failed after its last attempt and says so in the timeline', async () => {
    const app = await startTestApp({ notifications: { smtpUrl: smtp.url, retry: { ...retry, maxAttempts: 2 } } });
    try {
      const team = await setUpAmerRotation(app);
      await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana@example.com');
      await smtp.down();
      const raised = await raise(app, {
        source: 'SUPPORT',
        severity: 'S2',
        title: 'Disk full',
        rotationId: team.rotationId,
      });
      await runDue(app);
      await app.advanceClock('2026-07-15T12:01:00Z');
      const escalation = await pageNotifications(app, raised.id);
      expect(escalation.pages.nodes[0].notifications[0]).toMatchObject({ state: 'FAILED', attempts: 2 });
      const line = escalation.timeline.nodes.find((l: { type: string }) => l.type === 'NotificationsSent');
      expect(line.description).toMatch(/^Emailed Ana: failed after 2 attempt\(s\) \(SMTP: .*ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });

  it('sends again, with the same delivery id, a send claimed by a sender that died before its result', async () => {
    const app = await startTestApp({ notifications: { smtpUrl: smtp.url, sendLeaseMs: 120_000 } });
    try {
      const team = await setUpAmerRotation(app);
      const first = await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana@example.com');
      const second = await addVerifiedEmail(app, smtp, 'ana', team.ana, 'ana.pager@example.com');
      await app.ok(
        SET_RULES,
        {
          input: {
            responderId: team.ana,
            rules: [
              { contactMethodId: first, delayMinutes: 0 },
              { contactMethodId: second, delayMinutes: 5 },
            ],
          },
        },
        as('ana'),
      );
      const raised = await raise(app, {
        source: 'SUPPORT',
        severity: 'S2',
        title: 'Crash test',
        rotationId: team.rotationId,
      });
      await runDue(app);
      const planned = (
        await app.ok(
          `query($id: ID!) { escalation(id: $id) { pages { nodes { notifications { id destination state } } } } }`,
          {
            id: raised.id,
          },
        )
      ).escalation.pages.nodes[0].notifications.find(
        (n: { destination: string }) => n.destination === 'ana.pager@example.com',
      );
      expect(planned.state).toBe('PLANNED');

      // Another instance claimed it at 12:05 and died before sending.
      await app.store.append(
        `notification-delivery-${planned.id}`,
        [
          {
            id: '00000000-0000-4000-8000-00000000dead',
            type: 'NotificationSendStarted',
            data: {
              deliveryId: planned.id,
              responderId: team.ana,
              contactMethodId: second,
              channel: 'EMAIL',
              address: 'ana.pager@example.com',
              messageKind: 'PAGE',
              attempt: 1,
              leaseUntil: '2026-07-15T12:07:00.000Z',
              at: '2026-07-15T12:05:00.000Z',
            },
            metadata: {
              actor: 'system',
              correlationId: 'c',
              causationId: null,
              occurredAt: '2026-07-15T12:05:00.000Z',
              schemaVersion: 1,
            },
          },
        ],
        'no_stream',
      );
      await app.advanceClock('2026-07-15T12:06:00Z');
      expect(smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S2]'))).toHaveLength(0);
      await app.advanceClock('2026-07-15T12:07:00Z');
      const mails = smtp.to('ana.pager@example.com').filter((m) => m.subject?.startsWith('[S2]'));
      expect(mails).toHaveLength(1);
      expect(mails[0].headers.get('x-delivery-id')).toBe(planned.id);
      const stream = await app.store.readStream(`notification-delivery-${planned.id}`);
      expect(stream.map((e) => [e.type, e.data.attempt])).toEqual([
        ['NotificationSendStarted', 1],
        ['NotificationSendStarted', 2],
        ['NotificationDelivered', 2],
      ]);
    } finally {
      await app.close();
    }
  });

  it('sends once when two instances on one store reach the same delivery at the same moment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notifications-two-'));
    dirs.push(dir);
    const store = { sqlitePath: join(dir, 'events.sqlite'), readModelPath: join(dir, 'one.sqlite') };
    const one = await startTestApp({ store, notifications: { smtpUrl: smtp.url } });
    let two: TestApp | undefined;
    try {
      const team = await setUpAmerRotation(one);
      await addVerifiedEmail(one, smtp, 'ana', team.ana, 'ana@example.com');
      await one.ok(SET_RULES, { input: { responderId: team.ana, rules: [] } }, as('ana'));
      two = await startTestApp({
        clock: new ManualClock(one.clock.now()),
        store: { ...store, readModelPath: join(dir, 'two.sqlite') },
        notifications: { smtpUrl: smtp.url },
      });
      const raised = await raise(one, {
        source: 'SUPPORT',
        severity: 'S1',
        title: 'Two senders',
        rotationId: team.rotationId,
      });
      await waitUntil(
        async () => (await pageNotifications(two!, raised.id).catch(() => undefined))?.pages.nodes.length === 1,
      );
      await Promise.all([runDue(one), runDue(two)]);
      await waitUntil(
        async () => (await pageNotifications(two!, raised.id)).pages.nodes[0].notifications[0].state === 'DELIVERED',
      );
      expect(smtp.to('ana@example.com').filter((m) => m.subject?.startsWith('[S1]'))).toHaveLength(1);
      const [notification] = (await pageNotifications(one, raised.id)).pages.nodes[0].notifications;
      expect(notification).toMatchObject({ state: 'DELIVERED', attempts: 1 });
      const stream = await one.store.readStream(`notification-delivery-${notification.id}`);
      expect(stream.map((e) => e.type)).toEqual(['NotificationSendStarted', 'NotificationDelivered']);
    } finally {
      await Promise.all([one.close(), two?.close()]);
    }
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

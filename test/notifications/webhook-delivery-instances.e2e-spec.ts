import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/core';
import { DueTaskScheduler } from '@app/event-store';
import { NOTIFICATION_SECRET, OUTBOUND_HTTP_OPTIONS } from '@app/notifications';
import { LocalReceiver } from '../../libs/notifications/src/testing/local-receiver.js';
import { raise } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id } } }`;
const DELIVERIES = `query($id: ID!) { webhookSubscription(id: $id) { deliveries(first: 100) { totalCount nodes { id state attempts } } } }`;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('webhook deliveries with two instances and restarts (one store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhook-instances-'));
  const sqlitePath = join(dir, 'events.sqlite');
  let receiver: LocalReceiver;

  const instance = (readModelPath: string) =>
    startTestApp({
      clock: new ManualClock(new Date()),
      store: { sqlitePath, readModelPath },
      overrides: [
        { provide: OUTBOUND_HTTP_OPTIONS, useValue: { allowPrivateAddresses: true, timeoutMs: 2000 } },
        { provide: NOTIFICATION_SECRET, useValue: 'a-fixed-test-notification-secret-0123456789' },
      ],
    });

  beforeAll(async () => (receiver = await LocalReceiver.start(() => ({ status: 204 }))));
  afterAll(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each delivery once when two instances race for it, and nothing again after a restart', async () => {
    const one = await instance(join(dir, 'one.sqlite'));
    let two: TestApp | undefined;
    let subscriptionId: string;
    try {
      const ana = await registerResponder(one, { handle: 'ana' });
      const rotationId = await createRotation(one, {
        name: 'Support',
        startDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
        participantIds: [ana],
      });
      subscriptionId = (
        await one.ok(CREATE, {
          input: { name: 'bridge', url: `${receiver.url}/hooks`, eventKinds: ['ESCALATION_RAISED'] },
        })
      ).createWebhookSubscription.subscription.id;
      two = await instance(join(dir, 'two.sqlite'));
      await waitUntil(async () => !(await two!.gql(DELIVERIES, { id: subscriptionId })).errors);

      for (let n = 0; n < 10; n++) {
        await raise(one, { source: 'INFRASTRUCTURE', severity: 'S3', title: `Race ${n}`, rotationId });
      }
      await receiver.received(10);
      await waitUntil(async () => {
        const { nodes } = (await two!.ok(DELIVERIES, { id: subscriptionId })).webhookSubscription.deliveries;
        return nodes.length === 10 && nodes.every((d: { state: string }) => d.state === 'DELIVERED');
      });
      await Promise.all([one.app.get(DueTaskScheduler).runDue(), two.app.get(DueTaskScheduler).runDue()]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests).toHaveLength(10);
      expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(10);
      const claims = (await one.store.readAll()).filter((e) => e.type === 'WebhookDeliveryClaimed');
      expect(claims).toHaveLength(10);
    } finally {
      await Promise.all([one.close(), two?.close()]);
    }

    // A restart that rebuilds every read model from the store sends nothing again.
    const restarted = await instance(':memory:');
    try {
      await waitUntil(async () => {
        const response = await restarted.gql(DELIVERIES, { id: subscriptionId });
        const nodes = response.data?.webhookSubscription?.deliveries.nodes ?? [];
        return nodes.length === 10 && nodes.every((d: { state: string }) => d.state === 'DELIVERED');
      });
      await restarted.advanceClock(new Date(restarted.clock.now().getTime() + 60 * 60_000));
      expect(receiver.requests).toHaveLength(10);
    } finally {
      await restarted.close();
    }
  });
});

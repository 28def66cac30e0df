import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/core';
import { ACKNOWLEDGE, as, escalation, raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation } from '../support/escalation-scenarios.js';
import { ACCEPT, WRITE_SUMMARY, boundaries } from '../support/handovers.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Phase = (app: TestApp) => Promise<TestApp>;

interface Files {
  sqlitePath: string;
  readModelPath: string;
}

/**
 * A day of escalations and a handover, in phases: a development escalation climbing its policy
 * unacknowledged (engineer → manager → director → exhausted), and a day-shift escalation handed
 * over at the 18:00 boundary. Between phases `between` may restart the service.
 */
async function playDay(start: TestApp, between: Phase) {
  const session = { app: start };
  try {
    return await playPhases(session, between);
  } catch (error) {
    await session.app.close();
    throw error;
  }
}

async function playPhases(session: { app: TestApp }, between: Phase) {
  let app = session.app;
  const next = async () => {
    app = await between(app);
    session.app = app;
  };
  app.clock.set('2026-07-15T07:00:00Z');
  const dev = await setUpDevelopmentEscalation(app);
  const day: Record<string, string> = {};
  for (const handle of ['day-a', 'day-b']) day[handle] = await registerResponder(app, { handle, timeZone: 'UTC' });
  const dayRotation = await createRotation(app, {
    name: 'Day and night',
    timeZone: 'UTC',
    startDate: '2026-07-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '06:00' }, { time: '18:00' }] },
    participantIds: [day['day-b'], day['day-a']],
  });

  await app.advanceClock('2026-07-15T10:00:00Z');
  const devEscalation = await raise(app, {
    source: 'INFRASTRUCTURE',
    severity: 'S2',
    title: 'Database CPU pegged',
    rotationId: dev.devRotation,
  });
  const dayEscalation = await raise(app, {
    source: 'SUPPORT',
    severity: 'S3',
    title: 'Exports failing for one group',
    rotationId: dayRotation,
  });
  const [morning, evening] =
    dayEscalation.pages.nodes[0].recipients[0].handle === 'day-a' ? ['day-a', 'day-b'] : ['day-b', 'day-a'];
  await app.ok(ACKNOWLEDGE, { pageId: dayEscalation.pages.nodes[0].id }, as(morning));

  await next();
  await app.advanceClock('2026-07-15T10:15:00Z');
  await next();
  await app.advanceClock('2026-07-15T10:29:00Z');
  await next();
  await app.advanceClock('2026-07-15T11:30:00Z');

  await app.advanceClock('2026-07-15T18:00:00Z');
  await next();
  const [boundary] = (await boundaries(app, dayRotation)).nodes;
  await app.ok(
    WRITE_SUMMARY,
    {
      input: {
        boundaryId: boundary.id,
        escalationId: dayEscalation.id,
        status: 'Two groups affected',
        tried: 'Retried the export jobs',
        nextSteps: 'Look at the object storage quota',
      },
    },
    as(morning),
  );
  await next();
  await app.advanceClock('2026-07-15T18:10:00Z');
  await app.ok(ACCEPT, { input: { boundaryId: boundary.id } }, as(evening));
  await next();
  await app.advanceClock('2026-07-15T19:00:00Z');

  const outcome = {
    development: view(await escalation(app, devEscalation.id)),
    day: view(await escalation(app, dayEscalation.id)),
    boundaries: (await boundaries(app, dayRotation)).nodes.map((b: any) => ({
      at: b.at,
      outgoing: b.outgoing,
      incoming: b.incoming,
      items: b.items.map((i: any) => ({
        handedOver: i.handedOver,
        overdue: i.overdue,
        dri: i.dri,
        summary: i.summary?.status,
      })),
    })),
    eventCounts: await eventCounts(app),
  };
  return { app, outcome: { ...outcome, handedTo: evening } };
}

function view(e: any) {
  return {
    state: e.state,
    dri: e.dri?.handle ?? null,
    pages: e.pages.nodes.map((p: any) => ({
      step: p.step,
      layer: p.layer,
      state: p.state,
      trigger: p.trigger,
      pagedAt: p.pagedAt,
      ackDeadline: p.ackDeadline,
      recipients: p.recipients,
    })),
    timeline: e.timeline.nodes.map((t: any) => `${t.at} ${t.type}`),
  };
}

/** Events per type; the test clients' own API tokens (issued again after each restart) are not part of the scenario. */
async function eventCounts(app: TestApp) {
  const counts: Record<string, number> = {};
  for (const event of await app.store.readAll()) {
    if (event.type !== 'ApiTokenIssued') counts[event.type] = (counts[event.type] ?? 0) + 1;
  }
  return counts;
}

describe('restarts and a second instance change no outcome (over HTTP)', () => {
  const dirs: string[] = [];

  function files(readModel = 'read-models.sqlite'): Files {
    const dir = mkdtempSync(join(tmpdir(), 'escalations-restart-'));
    dirs.push(dir);
    return { sqlitePath: join(dir, 'events.sqlite'), readModelPath: join(dir, readModel) };
  }

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('plays the same day with the service restarted between every step', async () => {
    const uninterrupted = await playDay(await startTestApp(), async (app) => app);
    await uninterrupted.app.close();

    const store = files();
    let restarts = 0;
    const restarted = await playDay(await startTestApp({ store }), async (app) => {
      const now = app.clock.now();
      await app.close();
      restarts += 1;
      const readModelPath = restarts % 2 === 0 ? ':memory:' : store.readModelPath;
      return startTestApp({ clock: new ManualClock(now), store: { ...store, readModelPath } });
    });
    await restarted.app.close();

    expect(restarts).toBe(6);
    expect(restarted.outcome).toEqual(uninterrupted.outcome);
    expect(uninterrupted.outcome.development.pages.map((p: any) => [p.layer, p.state])).toEqual([
      ['RESPONDER', 'TIMED_OUT'],
      ['MANAGER', 'TIMED_OUT'],
      ['DIRECTORS', 'TIMED_OUT'],
    ]);
    expect(uninterrupted.outcome.eventCounts).toMatchObject({
      PageTimedOut: 3,
      EscalationPolicyExhausted: 1,
      ShiftBoundaryRecorded: 1,
      HandoverItemAccepted: 1,
    });
    expect(uninterrupted.outcome.day.dri).toBe(uninterrupted.outcome.handedTo);
  });

  it('records each time-driven step once when two instances run it at the same moment', async () => {
    const store = files();
    const one = await startTestApp({ store });
    let two: TestApp | undefined;
    try {
      one.clock.set('2026-07-15T07:00:00Z');
      const dev = await setUpDevelopmentEscalation(one);
      await one.advanceClock('2026-07-15T10:00:00Z');
      const raised = await raise(one, {
        source: 'INFRASTRUCTURE',
        severity: 'S1',
        title: 'Two instances race',
        rotationId: dev.devRotation,
      });
      two = await startTestApp({
        clock: new ManualClock('2026-07-15T10:00:00Z'),
        store: { ...store, readModelPath: files('second-instance.sqlite').readModelPath },
      });
      await waitUntil(
        async () => !(await two!.gql(`query($id: ID!) { escalation(id: $id) { id } }`, { id: raised.id })).errors,
      );

      await Promise.all([one.advanceClock('2026-07-15T10:15:00Z'), two.advanceClock('2026-07-15T10:15:00Z')]);
      await waitUntil(async () => (await escalation(two!, raised.id)).pages.nodes.length === 2);

      const stored = await one.store.readStream(`escalation-${raised.id}`);
      expect(stored.map((e) => e.type)).toEqual([
        'EscalationRaised',
        'ResponderPaged',
        'PageTimedOut',
        'ResponderPaged',
      ]);
      expect((await escalation(one, raised.id)).pages.nodes).toEqual((await escalation(two, raised.id)).pages.nodes);
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

import { ACKNOWLEDGE, as, raise } from '../support/escalations.fixtures.js';
import { ACCEPT, WRITE_SUMMARY, configureHandovers } from '../support/handovers.fixtures.js';
import { listen, liveClient, type LiveClient } from '../support/live-client.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ON_CALL_REFRESH_MS } from '@app/scheduling';

const HANDOVER_ITEMS_CHANGED = `subscription($boundaryId: ID) { handoverItemsChanged(boundaryId: $boundaryId) {
  id at pendingCount outgoing { handle } incoming { handle }
  items { escalation { id } handedOver dri { handle } acceptedBy { handle } summary { status author { handle } } } } }`;
const ON_CALL_CHANGED = `subscription($rotationId: ID) { onCallChanged(rotationId: $rotationId) {
  rotation { name } onCall { responder { handle } } } }`;

/**
 * The end of a shift, live: AMER 1 (12-18 New York) hands an open emergency to AMER 2 (13-19).
 * When the clock passes 18:00 the boundary is recorded and who is on call in AMER 1 changes; the
 * outgoing DRI's summary and the incoming responder's acceptance each reach the boundary's subscribers.
 */
describe('handover and on-call subscriptions at a shift boundary', () => {
  let app: TestApp;
  let url: string;
  const ids: Record<string, string> = {};
  const rotations: Record<string, string> = {};
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    app = await startTestApp({ overrides: [{ provide: ON_CALL_REFRESH_MS, useValue: 50 }] });
    app.clock.set('2026-07-15T12:00:00Z');
    for (const handle of ['amer1', 'amer2']) ids[handle] = await registerResponder(app, { handle });
    for (const [name, handoff, handle] of [
      ['AMER 1', '12:00', 'amer1'],
      ['AMER 2', '13:00', 'amer2'],
    ]) {
      rotations[name] = await createRotation(app, {
        name,
        team: 'support',
        timeZone: 'America/New_York',
        startDate: '2026-07-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: handoff }], shiftDuration: 'PT6H' },
        participantIds: [ids[handle]],
      });
    }
    await configureHandovers(app, {
      rotationId: rotations['AMER 1'],
      graceMinutes: 30,
      receivingRotationIds: [rotations['AMER 2']],
    });
    url = await listen(app);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await app.close();
  });

  it('delivers the boundary with its items, who is on call after it, the summary and the acceptance', async () => {
    await app.advanceClock('2026-07-15T17:00:00Z');
    const raised = await raise(
      app,
      { source: 'CUSTOMER_EMERGENCY', severity: 'S1', title: 'Instance down', rotationId: rotations['AMER 1'] },
      'support-bot',
    );
    await app.ok(ACKNOWLEDGE, { pageId: raised.pages.nodes[0].id }, as('amer1'));

    const client = liveClient(app, url, app.token);
    clients.push(client);
    const boundaries = await client.subscribe(HANDOVER_ITEMS_CHANGED, {});
    const onCall = await client.subscribe(ON_CALL_CHANGED, { rotationId: rotations['AMER 1'] });

    await app.advanceClock('2026-07-15T22:00:00Z');
    const recorded = (await boundaries.next()).data!.handoverItemsChanged;
    expect(recorded).toMatchObject({
      at: '2026-07-15T22:00:00.000Z',
      pendingCount: 1,
      outgoing: [{ handle: 'amer1' }],
      incoming: [{ handle: 'amer2' }],
      items: [{ escalation: { id: raised.id }, handedOver: false, dri: { handle: 'amer1' }, summary: null }],
    });
    expect((await onCall.next()).data!.onCallChanged).toEqual({ rotation: { name: 'AMER 1' }, onCall: [] });

    const one = await client.subscribe(HANDOVER_ITEMS_CHANGED, { boundaryId: recorded.id });
    await app.advanceClock('2026-07-15T22:10:00Z');
    await app.ok(
      WRITE_SUMMARY,
      {
        input: {
          boundaryId: recorded.id,
          escalationId: raised.id,
          status: 'Down since 13:00',
          tried: 'Rolled back',
          nextSteps: 'Check the migrations',
        },
      },
      as('amer1'),
    );
    for (const subscription of [one, boundaries]) {
      expect((await subscription.next()).data!.handoverItemsChanged.items[0].summary).toEqual({
        status: 'Down since 13:00',
        author: { handle: 'amer1' },
      });
    }
    await app.advanceClock('2026-07-15T22:15:00Z');
    await app.ok(ACCEPT, { input: { boundaryId: recorded.id } }, as('amer2'));
    // the item is accepted on the handover, then the escalation's DRI changes: the boundary follows both
    const next = async () => (await one.next()).data!.handoverItemsChanged;
    let accepted = await next();
    expect(accepted).toMatchObject({ pendingCount: 0, items: [{ handedOver: true, acceptedBy: { handle: 'amer2' } }] });
    if (accepted.items[0].dri.handle !== 'amer2') accepted = await next();
    expect(accepted.items[0].dri).toEqual({ handle: 'amer2' });

    // the next AMER 1 shift starts after a gap: no event, time alone changes who is on call
    app.clock.set('2026-07-16T16:00:00Z');
    expect((await onCall.next()).data!.onCallChanged).toEqual({
      rotation: { name: 'AMER 1' },
      onCall: [{ responder: { handle: 'amer1' } }],
    });
    expect(onCall.results).toHaveLength(2);
  });
});

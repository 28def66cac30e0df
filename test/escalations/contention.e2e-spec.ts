import type { AddressInfo } from 'node:net';
import { ACKNOWLEDGE, raise, SET_PRESENCE } from '../support/escalations.fixtures.js';
import { as as asResponder, declare, POST_UPDATE } from '../support/rapid-actions.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Fires `count` requests at once over connections opened beforehand (keep-alive), so that they
 * reach the service together, as concurrent clients' do, rather than one connection at a time.
 */
async function burst(app: TestApp, token: string, count: number, body: (i: number) => object) {
  if (!app.server.listening) await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const post = (payload: object) =>
    fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(payload),
    }).then((r) => r.json() as Promise<{ data?: any; errors?: Array<{ extensions: { code: string } }> }>);
  await Promise.all(Array.from({ length: count }, () => post({ query: '{ __typename }' })));
  return Promise.all(Array.from({ length: count }, (_, i) => post(body(i))));
}

const NOTE = `mutation($input: EscalationNoteInput!) { addEscalationNote(input: $input) { id } }`;

/**
 * Commands whose decisions commute do not fail because another landed first (the command runner
 * decides again, with backoff and jitter), and a repeated transition is answered like the first.
 */
describe('contention without refusals (over HTTP)', () => {
  let app: TestApp;
  let ana: string;
  let rotationId: string;
  let anaToken: string;

  beforeAll(async () => {
    app = await startTestApp();
    ana = await registerResponder(app, { handle: 'cont-ana', timeZone: 'UTC' });
    rotationId = await createRotation(app, {
      name: 'Contention',
      timeZone: 'UTC',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '00:00' }] },
      participantIds: [ana],
    });
    anaToken = (await app.as('responder', ana)).token;
  });

  afterAll(() => app.close());

  it('records one acknowledgement of 50 simultaneous ones by the recipient, and answers all of them alike', async () => {
    const raised = await raise(app, { source: 'INFRASTRUCTURE', severity: 'S2', title: 'Disk full', rotationId });
    const pageId = raised.pages.nodes[0].id;
    const answers = await burst(app, anaToken, 50, () => ({ query: ACKNOWLEDGE, variables: { pageId } }));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data.acknowledgePage).toMatchObject({
        id: pageId,
        state: 'ACKNOWLEDGED',
        acknowledgedBy: { handle: 'cont-ana' },
        escalation: { state: 'ACKNOWLEDGED', dri: { handle: 'cont-ana' } },
      });
    }
    const stream = await app.store.readStream(`escalation-${raised.id}`);
    expect(stream.filter((e) => e.type === 'PageAcknowledged')).toHaveLength(1);
  });

  it('lands all of 50 simultaneous notes on one escalation', async () => {
    const raised = await raise(app, { source: 'SUPPORT', severity: 'S3', title: 'Slow pages', rotationId });
    const answers = await burst(app, anaToken, 50, (i) => ({
      query: NOTE,
      variables: { input: { escalationId: raised.id, text: `Tried fix ${i}` } },
    }));
    expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
    const stream = await app.store.readStream(`escalation-${raised.id}`);
    const notes = stream.filter((e) => e.type === 'EscalationNoteAdded').map((e) => e.data.text);
    expect(new Set(notes).size).toBe(50);
  });

  it('lands all of 20 presence changes at once', async () => {
    const answers = await burst(app, anaToken, 20, (i) => ({
      query: SET_PRESENCE,
      variables: { responderId: ana, state: i % 2 ? 'ONLINE' : 'AWAY' },
    }));
    expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
  });

  it('loses and refuses none of 20 same-day rapid-action updates posted at once', async () => {
    const action = await declare(app, ana, { driId: ana, stakeholderIds: [] });
    const answers = await burst(app, anaToken, 20, (i) => ({
      query: POST_UPDATE,
      variables: {
        input: {
          rapidActionId: action.id,
          progressSinceLastUpdate: `Step ${i} done`,
          progressExpectedByNextUpdate: 'More steps',
        },
      },
    }));
    expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);
    const stream = await app.store.readStream(`rapid-action-${action.id}`);
    const posted = stream.filter((e) => /Update/.test(e.type)).map((e) => e.data.progressSinceLastUpdate);
    expect(new Set(posted)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `Step ${i} done`)));
    const read = await app.ok(
      `query($id: ID!) { rapidAction(id: $id) { latestUpdate { version previousVersions { version } } } }`,
      { id: action.id },
      asResponder(ana),
    );
    expect(read.rapidAction.latestUpdate.version).toBe(20);
    expect(read.rapidAction.latestUpdate.previousVersions).toHaveLength(19);
  });
});

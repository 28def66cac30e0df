import request from 'supertest';
import { as } from '../support/escalations.fixtures.js';
import {
  ADD_CONTACT_METHOD,
  REMOVE_CONTACT_METHOD,
  RESPONDER_REACH,
  SET_RULES,
  VERIFY_CONTACT_METHOD,
} from '../support/notifications.fixtures.js';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededRandom } from '../support/seeded-random.js';

const TYPED = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

function generator(seed: number) {
  const { int, pick } = seededRandom(seed);
  /** Hostile text without '@', so it is never a valid e-mail address. */
  const text = (length: number) =>
    Array.from({ length }, () =>
      String.fromCharCode(pick([0, 9, 10, 34, 39, 60, 62, 92, 65 + int(26), 0x263a, 0xd83d])),
    ).join('');
  return { int, pick, text };
}

/** Who sees and changes contact methods, and hostile input to the new mutations and the action-link endpoint. */
describe('contact methods: access and hostile input', () => {
  let app: TestApp;
  let alice: string;
  let aliceMethod: string;

  beforeAll(async () => {
    app = await startTestApp();
    alice = await registerResponder(app, { handle: 'alice' });
    await registerResponder(app, { handle: 'carol' });
    await registerResponder(app, { handle: 'mona', role: 'MANAGER' });
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: alice, kind: 'EMAIL', address: 'alice@example.com' } },
      as('alice'),
    );
    aliceMethod = added.addContactMethod.id;
  });

  afterAll(() => app.close());

  it('shows contact methods to the responder, managers and admins only; reachability to every reader', async () => {
    for (const [reader, visible] of [
      ['alice', true],
      ['mona', true],
      ['carol', false],
    ] as const) {
      const response = await app.gql(RESPONDER_REACH, { id: alice }, as(reader));
      if (visible) {
        expect(response.errors).toBeUndefined();
        expect(response.data.responder.contactMethods).toEqual([
          { id: aliceMethod, kind: 'EMAIL', address: 'alice@example.com', verified: false },
        ]);
      } else {
        expect(response.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
        expect(response.data.responder).toMatchObject({ reachable: false, contactMethods: null });
      }
    }
    const viewer = await app.as('viewer');
    const read = await viewer.gql(`query($id: ID!) { responder(id: $id) { reachable contactMethods { id } } }`, {
      id: alice,
    });
    expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it("answers NOT_FOUND for someone else's method, as for an unknown id, and changes nothing", async () => {
    const before = await app.store.headPosition();
    const unknown = '00000000-0000-4000-8000-000000000001';
    for (const id of [aliceMethod, unknown]) {
      const verify = await app.gql(
        VERIFY_CONTACT_METHOD,
        { input: { contactMethodId: id, code: '123456' } },
        as('carol'),
      );
      expect(verify.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const remove = await app.gql(REMOVE_CONTACT_METHOD, { id }, as('mona'));
      expect(remove.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    const add = await app.gql(
      ADD_CONTACT_METHOD,
      { input: { responderId: alice, kind: 'EMAIL', address: 'x@example.com' } },
      as('carol'),
    );
    expect(add.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await app.store.headPosition()).toBe(before);
  });

  it('answers a removed method as it was, and lists it no more', async () => {
    const added = await app.ok(
      ADD_CONTACT_METHOD,
      { input: { responderId: alice, kind: 'EMAIL', address: 'alice.old@example.com' } },
      as('alice'),
    );
    const removed = await app.ok(REMOVE_CONTACT_METHOD, { id: added.addContactMethod.id }, as('alice'));
    expect(removed.removeContactMethod).toEqual({
      id: added.addContactMethod.id,
      kind: 'EMAIL',
      address: 'alice.old@example.com',
      verified: false,
    });
    const reach = await app.ok(RESPONDER_REACH, { id: alice }, as('alice'));
    expect(reach.responder.contactMethods.map((m: { id: string }) => m.id)).not.toContain(added.addContactMethod.id);
  });

  it('refuses a bad or repeated address with a typed error and appends nothing', async () => {
    const before = await app.store.headPosition();
    for (const [address, code, field] of [
      ['not-an-address', 'BAD_USER_INPUT', 'address'],
      ['   ', 'BAD_USER_INPUT', 'address'],
      ['alice@example.com', 'CONFLICT', 'address'],
    ]) {
      const refused = await app.gql(
        ADD_CONTACT_METHOD,
        { input: { responderId: alice, kind: 'EMAIL', address } },
        as('alice'),
      );
      expect(refused.errors?.[0].extensions).toMatchObject({ code, field });
    }
    const malformed = await app.gql(
      VERIFY_CONTACT_METHOD,
      { input: { contactMethodId: aliceMethod, code: '12ab56' } },
      as('alice'),
    );
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(await app.store.headPosition()).toBe(before);
  });

  it('refuses a Teams URL that is not https and a Slack id of the wrong shape, naming the address, appending nothing', async () => {
    const before = await app.store.headPosition();
    for (const [kind, address, message] of [
      ['TEAMS', 'http://prod-00.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke', /https/],
      ['TEAMS', 'ftp://prod-00.westus.logic.azure.com/workflows/abc', /Teams/],
      ['TEAMS', 'not a url', /Teams/],
      ['SLACK', 'u0alice001', /Slack/],
      ['SLACK', 'X0ALICE001', /Slack/],
      ['SLACK', 'U0A', /Slack/],
      ['SLACK', 'U0ALICE0010000', /Slack/],
      ['SLACK', '#on-call', /Slack/],
      ['SLACK', 'https://example.slack.com/team/U0ALICE001', /Slack/],
    ] as const) {
      const refused = await app.gql(ADD_CONTACT_METHOD, { input: { responderId: alice, kind, address } }, as('alice'));
      expect(refused.data?.addContactMethod ?? null).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT', field: 'address' },
      });
      expect(JSON.stringify(refused.errors)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await app.store.headPosition()).toBe(before);
    const reach = await app.ok(RESPONDER_REACH, { id: alice }, as('alice'));
    expect(reach.responder.contactMethods.map((m: { kind: string }) => m.kind)).toEqual(['EMAIL']);
  });

  it('answers every hostile mutation with a typed error and appends nothing', async () => {
    const g = generator(11);
    const before = await app.store.headPosition();
    for (let i = 0; i < 300; i++) {
      const choice = g.int(3);
      const response =
        choice === 0
          ? await app.gql(ADD_CONTACT_METHOD, {
              input: {
                responderId: g.pick([alice, 'x', '']),
                kind: g.pick(['EMAIL', 'FAX', 'email']),
                address: g.text(g.int(3000)),
              },
            })
          : choice === 1
            ? await app.gql(VERIFY_CONTACT_METHOD, {
                input: { contactMethodId: g.pick([aliceMethod, 'nope']), code: g.text(g.int(30)) },
              })
            : await app.gql(SET_RULES, {
                input: {
                  responderId: g.pick([alice, 'nope']),
                  rules: Array.from({ length: 1 + g.int(30) }, () => ({
                    contactMethodId: g.pick([aliceMethod, 'nope', '00000000-0000-4000-8000-000000000002']),
                    delayMinutes: g.pick([-1, 1441, 2 ** 31, 1.5, 'x', null]),
                  })),
                },
              });
      expect(response.status).toBeLessThan(500);
      expect(response.errors?.length).toBeGreaterThan(0);
      for (const error of response.errors ?? []) expect(TYPED).toContain(error.extensions.code);
    }
    expect(await app.store.headPosition()).toBe(before);
  });

  it('answers hostile action links with 400, never acting', async () => {
    const g = generator(12);
    const before = await app.store.headPosition();
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ pid: 'p', rid: alice, act: 'ACKNOWLEDGE', jti: 'j', exp: 4e9 }),
    ).toString('base64url');
    const tokens = [
      `${header}.${claims}.`,
      `${header}.${claims}`,
      'a'.repeat(5000),
      '..',
      ...Array.from({ length: 100 }, () => encodeURIComponent(g.text(1 + g.int(200)).replace(/[\ud800-\udfff]/g, '?'))),
    ];
    for (const token of tokens) {
      for (const method of ['get', 'post'] as const) {
        const response = await request(app.server)[method](`/actions/${token}`);
        expect([400, 404, 414, 431]).toContain(response.status);
      }
    }
    expect(await app.store.headPosition()).toBe(before);
  });
});

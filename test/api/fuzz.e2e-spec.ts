import request from 'supertest';
import { TokenSigner } from '@app/identity';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * 1,200 malformed or hostile requests from a seeded generator (the same ones on every run): bad,
 * expired and forged tokens, deep and wide queries, oversized and broken bodies, wrong types and
 * invalid values. Every answer must be a typed GraphQL error (never a 500, never a crash), and the
 * event log must not move.
 */
const REQUESTS = 1200;
const TYPED_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

function generator(seed: number) {
  const { next, int, pick } = seededRandom(seed);
  const text = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(pick([0, 9, 34, 39, 60, 92, 65 + int(26), 0x263a, 0xd83d]))).join(
      '',
    );
  /** What an HTTP client can put in a header: printable ASCII. */
  const headerText = (length: number) => Array.from({ length }, () => String.fromCharCode(33 + int(94))).join('');
  return { next, int, pick, text, headerText };
}

type Hostile = { body: string | object; headers: Record<string, string> };

describe('fuzzing the GraphQL endpoint with hostile requests', () => {
  let app: TestApp;
  let rotationId: string;
  let responderId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    responderId = await registerResponder(app, { handle: 'fuzz-target' });
    rotationId = await createRotation(app, {
      name: 'Fuzz',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [responderId],
    });
    tokens.admin = app.token;
    tokens.viewer = (await app.as('viewer')).token;
    tokens.integration = (await app.as('integration')).token;
    const signer = app.app.get(TokenSigner);
    tokens.expired = await signer.sign(
      { subject: 'test-admin', role: 'admin', tokenId: 'x' },
      new Date('2020-01-01'),
      new Date('2020-01-02'),
    );
    const forger = await TokenSigner.create({ jwtSecret: 'f'.repeat(40), jwtSecretFile: '', rateLimitPerMinute: 1 });
    tokens.forged = await forger.sign(
      { subject: 'test-admin', role: 'admin', tokenId: 'x' },
      new Date('2026-07-01'),
      new Date('2027-01-01'),
    );
  });

  afterAll(() => app.close());

  function hostile(g: ReturnType<typeof generator>): Hostile {
    const auth = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });
    const badAuth: Record<string, string> = g.pick<Record<string, string>>([
      {},
      { authorization: g.headerText(g.int(40)) },
      { authorization: `Bearer ${g.headerText(g.int(300))}` },
      { authorization: `Bearer ${tokens.expired}` },
      { authorization: `Bearer ${tokens.forged}` },
      { authorization: `Bearer ${tokens.admin.slice(0, -4)}AAAA` },
      { authorization: `bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.` },
    ]);
    const depth = 5 + g.int(60);
    const wide = 50 + g.int(800);
    const cases: Array<() => Hostile> = [
      () => ({ body: { query: '{ me { role } }' }, headers: badAuth }),
      () => ({
        body: {
          query: `mutation { registerResponder(input: { name: "x", handle: "h${g.int(1e6)}", timeZone: "UTC", team: "t", role: ENGINEER }) { id } }`,
        },
        headers: badAuth,
      }),
      () => ({
        body: {
          query: `{ currentOnCall { ${'rotation { participants { responder { id '.repeat(depth)}${' } } }'.repeat(depth)} } }`,
        },
        headers: auth('admin'),
      }),
      () => ({
        body: { query: `{ ${Array.from({ length: wide }, (_, i) => `a${i}: me { role }`).join(' ')} }` },
        headers: auth('viewer'),
      }),
      () => ({ body: { query: `{ rotations { nodes { ${'id '.repeat(2000 + wide)} } } }` }, headers: auth('admin') }),
      () => ({ body: g.text(g.int(200)), headers: { ...auth('admin'), 'content-type': 'application/json' } }),
      () => ({ body: { query: g.text(g.int(500)) }, headers: auth('admin') }),
      () => ({ body: { query: 12345, variables: 'nope' }, headers: auth('admin') }),
      () => ({
        body: {
          query: 'mutation($input: CreateRotationInput!) { createRotation(input: $input) { id } }',
          variables: {
            input: g.pick([
              { name: 42 },
              {
                name: 'x',
                team: 'y',
                timeZone: g.text(10),
                startDate: '2026-01-01',
                pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
                participantIds: [responderId],
              },
              {
                name: 'x',
                team: 'y',
                timeZone: 'UTC',
                startDate: '2026-02-30',
                pattern: { cycle: 'DAILY', handoffs: [] },
                participantIds: [],
              },
              {
                name: 'x',
                team: 'y',
                timeZone: 'UTC',
                startDate: '2026-01-01',
                pattern: { cycle: 'WEEKLY', handoffs: [{ time: '09:00' }] },
                participantIds: ['not-an-id'],
              },
              null,
            ]),
          },
        },
        headers: auth('admin'),
      }),
      () => ({
        body: {
          query: 'mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }',
          variables: {
            input: {
              rotationId,
              responderId,
              start: g.pick(['2026-13-01T00:00', '2026-01-02T10:00', g.text(16)]),
              end: g.pick(['2026-01-01T00:00', '', '2026-01-02T09:00']),
              timeZone: g.pick(['UTC', 'Not/AZone', '']),
            },
          },
        },
        headers: auth(g.pick(['admin', 'viewer', 'integration'])),
      }),
      () => ({
        body: { query: `mutation { rebuildProjection(name: "${g.pick(['nope', 'integration-keys'])}") { name } }` },
        headers: auth(g.pick(['viewer', 'integration'])),
      }),
      () => ({
        body: { query: '{ rotation(id: $id) { id } }', variables: { id: g.text(50) } },
        headers: auth('admin'),
      }),
      () => ({
        body: { query: `query { rotation(id: "${'0'.repeat(g.int(100))}") { id } }` },
        headers: auth('viewer'),
      }),
      () => ({
        body: { query: 'query Q { me { role } } query Q { me { role } }', operationName: g.text(5) },
        headers: auth('admin'),
      }),
      () => ({
        body: { query: 'fragment A on Identity { ...B } fragment B on Identity { ...A } { me { ...A } }' },
        headers: auth('admin'),
      }),
    ];
    return g.pick(cases)();
  }

  it(`answers ${REQUESTS} hostile requests with typed errors only, and appends nothing`, async () => {
    const g = generator(20261122);
    const before = await app.store.headPosition();
    const statuses = new Map<number, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const { body, headers } =
        i % 100 === 99
          ? { body: { query: `{ me { role } }`, padding: 'x'.repeat(1_100_000 + g.int(2_000_000)) }, headers: {} }
          : hostile(g);
      const response = await request(app.server)
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...headers })
        .send(typeof body === 'string' ? body : JSON.stringify(body));
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 500)
        throw new Error(
          `request ${i} got a 500: ${JSON.stringify(body).slice(0, 200)} ${JSON.stringify(headers).slice(0, 200)} → ${response.text.slice(0, 300)}`,
        );
      const errors = response.body?.errors as Array<{ extensions?: { code?: string }; message: string }> | undefined;
      if (!errors)
        throw new Error(`request ${i} was answered without an error: ${JSON.stringify(response.body).slice(0, 300)}`);
      for (const error of errors) {
        if (!TYPED_CODES.has(error.extensions?.code ?? '')) {
          throw new Error(`request ${i}: untyped error ${JSON.stringify(error).slice(0, 300)}`);
        }
        expect(JSON.stringify(error)).not.toMatch(/\s at \S+\.js:\d+/);
      }
    }
    expect(await app.store.headPosition()).toBe(before);
    expect((await request(app.server).get('/health')).status).toBe(200);
    expect([...statuses.keys()].every((s) => [200, 400, 401, 403, 413, 429].includes(s))).toBe(true);
  });
});

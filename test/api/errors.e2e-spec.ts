import request from 'supertest';
import { CREATE_ROTATION, REGISTER_RESPONDER, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ROTATION = `query($id: ID!) { rotation(id: $id) { id } }`;
const OVERRIDE = `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`;

describe('bad input gets a clear, typed error and changes nothing (over HTTP)', () => {
  let app: TestApp;
  let alice: string;
  let rotationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    alice = await registerResponder(app, { handle: 'err-alice' });
    const data = await app.ok(CREATE_ROTATION, {
      input: {
        name: 'Errors',
        team: 'support',
        timeZone: 'UTC',
        startDate: '2026-01-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
        participantIds: [alice],
      },
    });
    rotationId = data.createRotation.id;
  });

  afterAll(() => app.close());

  /** Runs the request and checks that the event log did not move. */
  async function rejected(query: string, variables: Record<string, unknown>) {
    const before = await app.store.headPosition();
    const response = await app.gql(query, variables);
    expect(await app.store.headPosition()).toBe(before);
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(JSON.stringify(error)).not.toMatch(/stack|\bat .*\.js:\d+/);
    return error;
  }

  const rotationInput = (overrides: Record<string, unknown>) => ({
    input: {
      name: 'Bad',
      team: 'support',
      timeZone: 'UTC',
      startDate: '2026-01-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [alice],
      ...overrides,
    },
  });

  it('an invalid time zone: BAD_USER_INPUT naming the field', async () => {
    const error = await rejected(CREATE_ROTATION, rotationInput({ timeZone: 'Mars/Olympus_Mons' }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'timeZone' });
    expect(error.message).toMatch(/IANA time zone/);
  });

  it('an empty rotation: BAD_USER_INPUT naming participantIds', async () => {
    const error = await rejected(CREATE_ROTATION, rotationInput({ participantIds: [] }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'participantIds' });
  });

  it('a nested mistake names the nested field', async () => {
    const error = await rejected(
      CREATE_ROTATION,
      rotationInput({ pattern: { cycle: 'DAILY', handoffs: [{ time: '25:00' }] } }),
    );
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'pattern.handoffs.0.time' });
  });

  it('an end before a start: BAD_USER_INPUT naming end', async () => {
    const error = await rejected(OVERRIDE, {
      input: { rotationId, responderId: alice, start: '2026-01-02T10:00', end: '2026-01-02T09:00', timeZone: 'UTC' },
    });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'end' });
  });

  it('an unknown id: NOT_FOUND; a malformed id: BAD_USER_INPUT', async () => {
    const unknown = await rejected(ROTATION, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Rotation' });
    const unknownParticipant = await rejected(
      CREATE_ROTATION,
      rotationInput({ participantIds: ['00000000-0000-4000-8000-000000000001'] }),
    );
    expect(unknownParticipant.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Responder' });
    const malformed = await rejected(OVERRIDE, {
      input: {
        rotationId: 'not-a-uuid',
        responderId: alice,
        start: '2026-01-02T10:00',
        end: '2026-01-02T11:00',
        timeZone: 'UTC',
      },
    });
    expect(malformed.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rotationId' });
  });

  it('a taken handle: CONFLICT', async () => {
    const error = await rejected(REGISTER_RESPONDER, {
      input: { name: 'Alice again', handle: 'err-alice', timeZone: 'UTC', team: 'support', role: 'ENGINEER' },
    });
    expect(error.extensions).toEqual({ code: 'CONFLICT', field: 'handle' });
  });

  it('a value of the wrong type: a typed error from GraphQL itself', async () => {
    const error = await rejected(CREATE_ROTATION, rotationInput({ participantIds: 42, pattern: 'daily' }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('a long string under the body limit: BAD_USER_INPUT naming the field', async () => {
    const error = await rejected(REGISTER_RESPONDER, {
      input: { name: 'x'.repeat(500_000), handle: 'long', timeZone: 'UTC', team: 'support', role: 'ENGINEER' },
    });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('a 5 MB string: PAYLOAD_TOO_LARGE, and the server keeps serving', async () => {
    const before = await app.store.headPosition();
    const response = await request(app.server)
      .post('/graphql')
      .send({ query: REGISTER_RESPONDER, variables: { input: { name: 'x'.repeat(5 * 1024 * 1024) } } });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await app.store.headPosition()).toBe(before);
    await expect(app.ok(ROTATION, { id: rotationId })).resolves.toEqual({ rotation: { id: rotationId } });
  });

  it('a body that is not JSON: BAD_REQUEST', async () => {
    const response = await request(app.server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('GET /graphql in a browser serves a console that needs no network; GET without a query answers at once', async () => {
    const page = await request(app.server).get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('GraphQL console');
    expect(page.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const anonymous = await request(app.server).get('/graphql').set('apollo-require-preflight', 'true');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bare = await request(app.server)
      .get('/graphql')
      .set({ 'apollo-require-preflight': 'true', authorization: `Bearer ${app.token}` });
    expect(bare.status).toBe(400);
    expect(bare.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

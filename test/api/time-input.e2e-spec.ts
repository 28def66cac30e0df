import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';

/**
 * Time input is strict and no query can walk time unbounded: a broken date used to spin the event
 * loop for ever (`new Date('not a date')` is NaN, and the shift walk never reached it).
 */
describe('strict time input and bounded time walks (over HTTP)', () => {
  let app: TestApp;
  let responderId: string;
  let rotationId: string;
  let viewer: GraphQLClient;

  beforeAll(async () => {
    app = await startTestApp();
    viewer = await app.as('viewer');
    responderId = await registerResponder(app, { handle: 'time-input' });
    rotationId = await createRotation(app, {
      name: 'Time input',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [responderId],
    });
  });

  afterAll(() => app.close());

  async function refused(query: string, variables?: Record<string, unknown>) {
    const before = await app.store.headPosition();
    const started = Date.now();
    const response = await viewer.gql(query, variables);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await app.store.headPosition()).toBe(before);
    expect(response.errors).toHaveLength(1);
    return response.errors![0];
  }

  it('the shifts query with "not a date" answers at once, BAD_USER_INPUT naming to (literal and variable)', async () => {
    const literal = await refused(
      `{ responder(id: "${responderId}") { shifts(from: "2026-12-01T00:00:00Z", to: "not a date") { start } } }`,
    );
    expect(literal.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    const variable = await refused(
      `query($id: ID!, $to: DateTime!) { rotation(id: $id) { shifts(from: "2026-12-01T00:00:00Z", to: $to) { start } } }`,
      { id: rotationId, to: 'not a date' },
    );
    expect(variable.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(variable.message).toMatch(/^to must be an RFC 3339 date-time/);
  });

  it.each([
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-07-01T12:00:00',
    '2026-07-01T12:00:00+25:00',
    '10000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '12/08/2026',
    '2026-07-01',
    '',
  ])('refuses %j as a DateTime, as a literal and as a variable', async (value) => {
    const literal = await refused(`{ currentOnCall(at: ${JSON.stringify(value)}) { at } }`);
    expect(literal.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
    const variable = await refused(`query($at: DateTime) { currentOnCall(at: $at) { at } }`, { at: value });
    expect(variable.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
  });

  it.each([1e20, 0, true, { year: 2026 }, ['2026-07-01T00:00:00Z']])(
    'refuses the non-string %j as a DateTime',
    async (value) => {
      const error = await refused(`query($at: DateTime!) { onCallAsRecorded(at: $at) { at } }`, { at: value });
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'at' });
    },
  );

  it('a literal number or object is refused naming the argument too', async () => {
    expect((await refused(`{ currentOnCall(at: 1e20) { at } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'at',
    });
    expect((await refused(`{ currentOnCall(at: { y: 1 }) { at } }`)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'at',
    });
  });

  it('names the input field of a DateTime inside an input object', async () => {
    const mutation = `mutation($input: RotationMembershipInput!) { addRotationParticipant(input: $input) { rotation { id } } }`;
    const before = await app.store.headPosition();
    const response = await app.gql(mutation, { input: { rotationId, responderId, from: '2026-02-30T00:00:00Z' } });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    const literal = await app.gql(
      `mutation { addRotationParticipant(input: { rotationId: "${rotationId}", responderId: "${responderId}", from: "2026-02-30T00:00:00Z" }) { rotation { id } } }`,
    );
    expect(literal.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(await app.store.headPosition()).toBe(before);
  });

  it('accepts offsets and fractions, and answers in UTC', async () => {
    const data = await app.ok(`{ currentOnCall(at: "2026-07-15T14:45:00.250-04:00") { at } }`);
    expect(data.currentOnCall[0].at).toBe('2026-07-15T18:45:00.250Z');
  });

  it.each([
    [
      'shifts',
      (from: string, to: string) =>
        `{ rotation(id: "${rotationId}") { shifts(from: "${from}", to: "${to}") { start } } }`,
    ],
    ['onCallHours', (from: string, to: string) => `{ onCallHours(from: "${from}", to: "${to}") { totalHours } }`],
    [
      'escalationFigures',
      (from: string, to: string) => `{ escalationFigures(from: "${from}", to: "${to}") { total { escalations } } }`,
    ],
    [
      'shiftBoundaries',
      (from: string, to: string) =>
        `{ shiftBoundaries(rotationId: "${rotationId}", first: 5, from: "${from}", to: "${to}") { totalCount } }`,
    ],
  ])('%s refuses to <= from and spans over 400 days', async (_, query) => {
    const reversed = await refused(query('2026-07-02T00:00:00Z', '2026-07-01T00:00:00Z'));
    expect(reversed.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    const empty = await refused(query('2026-07-01T00:00:00Z', '2026-07-01T00:00:00Z'));
    expect(empty.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    const long = await refused(query('2026-01-01T00:00:00Z', '2027-02-06T00:00:00Z'));
    expect(long.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(long.message).toMatch(/at most 400 days/);
    const far = await refused(query('2026-01-01T00:00:00Z', '10000-01-01T00:00:00Z'));
    expect(far.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('onCallHours(from: "yesterday") and escalationFigures(from: "garbage") are BAD_USER_INPUT', async () => {
    const hours = await refused(`{ onCallHours(from: "yesterday", to: "2026-07-01T00:00:00Z") { totalHours } }`);
    expect(hours.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
    const figures = await refused(
      `{ escalationFigures(from: "garbage", to: "2026-07-01T00:00:00Z") { total { escalations } } }`,
    );
    expect(figures.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('keeps serving: a valid shifts query still answers', async () => {
    const data = await app.ok(
      `{ rotation(id: "${rotationId}") { shifts(from: "2026-07-01T00:00:00Z", to: "2026-07-03T00:00:00Z") { start } } }`,
    );
    expect(data.rotation.shifts.map((s: { start: string }) => s.start)).toEqual([
      '2026-06-30T13:00:00.000Z',
      '2026-07-01T13:00:00.000Z',
      '2026-07-02T13:00:00.000Z',
    ]);
  });
});

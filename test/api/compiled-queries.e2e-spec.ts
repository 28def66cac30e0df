import { RUNS_BEFORE_COMPILING } from '../../apps/api/src/compiled-execution.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ON_CALL = `query($ids: [ID!], $at: DateTime) {
  currentOnCall(rotationIds: $ids, at: $at) {
    rotation { id name }
    onCall { responder { id handle } start end isDri reason { kind } }
  }
}`;
const ROTATION = `query($id: ID!) { rotation(id: $id) { id name } }`;

/**
 * The same queries before and after they are compiled (graphql-jit takes over from graphql-js once
 * a query document has run RUNS_BEFORE_COMPILING times): the same answers and the same typed errors.
 */
describe('queries answer the same once compiled (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  const runs = RUNS_BEFORE_COMPILING + 5;

  beforeAll(async () => {
    app = await startTestApp();
    const ana = await registerResponder(app, { handle: 'jit-ana' });
    const ben = await registerResponder(app, { handle: 'jit-ben' });
    rotationId = await createRotation(app, {
      name: 'Compiled',
      team: 'platform',
      timeZone: 'Europe/Berlin',
      startDate: '2026-01-05',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      participantIds: [ana, ben],
    });
  });

  afterAll(() => app.close());

  it('answers currentOnCall the same on every run', async () => {
    const variables = { ids: [rotationId], at: '2026-03-10T12:00:00+01:00' };
    const first = await app.gql(ON_CALL, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data.currentOnCall[0].onCall[0].responder.handle).toMatch(/^jit-/);
    for (let i = 1; i < runs; i++) expect(await app.gql(ON_CALL, variables)).toEqual(first);
  });

  it('keeps NOT_FOUND and BAD_USER_INPUT with their field on every run', async () => {
    for (let i = 0; i < runs; i++) {
      const missing = await app.gql(ROTATION, { id: '00000000-0000-4000-8000-000000000000' });
      expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(missing.errors?.[0].path).toEqual(['rotation']);
      const badInstant = await app.gql(ON_CALL, { ids: [rotationId], at: '2026-02-30T12:00:00Z' });
      expect(badInstant.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(badInstant.errors?.[0].extensions.field).toBe('at');
    }
  });
});

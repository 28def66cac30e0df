import { createHash } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Operations the API does not offer answer their own codes, never INTERNAL_SERVER_ERROR. */
describe('unsupported operations (over HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  const post = (body: object) =>
    request(app.server)
      .post('/graphql')
      .set({ authorization: `Bearer ${app.token}` })
      .send(body);
  const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

  it.each([
    ['a subscription', 'subscription { escalationChanged { id } }'],
    ['a named subscription', 'subscription Actions { rapidActionUpdated { id title } }'],
  ])('refuses %s by HTTP POST with BAD_REQUEST (graphql-ws serves them), running nothing', async (_, query) => {
    const before = await app.store.headPosition();
    const response = await post({ query });
    expect(response.status).toBe(400);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.body.errors[0].message).toMatch(/served over graphql-ws/);
    expect(await app.store.headPosition()).toBe(before);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for a hash it does not know', async () => {
    const response = await post({ extensions: persisted('a'.repeat(64)) });
    expect(response.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a persisted query whose hash does not match its text, or an unknown version, with BAD_REQUEST', async () => {
    for (const body of [
      { query: '{ __typename }', extensions: persisted('a'.repeat(64)) },
      { query: '{ __typename }', extensions: persisted('not a hash') },
      { query: '{ __typename }', extensions: persisted('a'.repeat(64), 2) },
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(response.body.errors[0].message).not.toBe('Internal server error');
    }
  });

  it('runs a persisted query registered with its real hash, then by the hash alone', async () => {
    const query = '{ me { role } }';
    const hash = createHash('sha256').update(query).digest('hex');
    expect((await post({ query, extensions: persisted(hash) })).body.data.me.role).toBe('ADMIN');
    expect((await post({ extensions: persisted(hash) })).body.data.me.role).toBe('ADMIN');
  });

  it('does not say what serves it', async () => {
    const response = await post({ query: '{ __typename }' });
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect((await request(app.server).get('/health')).headers['x-powered-by']).toBeUndefined();
  });
});

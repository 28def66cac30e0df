import { randomUUID } from 'node:crypto';
import { EsdbGrpcDouble, type AppendFault } from '@app/event-store/testing';
import { registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RESPONDER = `query Responder($id: ID!) { responder(id: $id) { id handle } }`;

/**
 * The service on EventStoreDB (the real client, the gRPC double) when the server commits a write
 * and its answer is lost: the mutation still succeeds and its change is recorded exactly once.
 */
describe.each([
  ['BatchAppend', 'batch-append'],
  ['plain Append', 'append'],
] as const)('ambiguous writes through %s', (_name, appendPath) => {
  let double: EsdbGrpcDouble;
  let app: TestApp;

  beforeAll(async () => {
    double = await EsdbGrpcDouble.start({ appendPath });
    app = await startTestApp({ store: { connectionString: double.connectionString } });
  });

  afterAll(async () => {
    await app.close();
    await double.stop();
  });

  async function registrationsOf(handle: string) {
    const all = await app.store.readAll();
    return all.filter((e) => e.type === 'ResponderRegistered' && e.data.handle === handle);
  }

  it.each<AppendFault>(['unavailable', 'timeout'])(
    'registers a responder once when the answers to its appends are lost (%s)',
    async (fault) => {
      const handle = `ambiguous-${randomUUID().slice(0, 8)}`;
      double.failAppendsAfterCommit(fault, 3);
      const id = await registerResponder(app, { handle });
      const answer = await app.ok(RESPONDER, { id });
      expect(answer.responder).toEqual({ id, handle });
      const registrations = await registrationsOf(handle);
      expect(registrations).toHaveLength(1);
      expect(registrations[0].streamId).toContain(id);
    },
  );

  it('refuses a second registration of the same handle after a lost answer, as without one', async () => {
    const handle = `ambiguous-${randomUUID().slice(0, 8)}`;
    double.failAppendsAfterCommit('unavailable');
    await registerResponder(app, { handle });
    const second = await app.gql(
      `mutation { registerResponder(input: { name: "again", handle: "${handle}", timeZone: "UTC", team: "support", role: ENGINEER }) { id } }`,
    );
    expect(second.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await registrationsOf(handle)).toHaveLength(1);
  });
});

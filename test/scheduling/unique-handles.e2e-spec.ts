import { REGISTER_RESPONDER } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const input = (handle: string, name = handle) => ({
  input: { name, handle, timeZone: 'UTC', team: 'support', role: 'ENGINEER' },
});
const REGISTER_SERVICE = `mutation($name: String!) { registerService(input: { name: $name }) { id } }`;

/** "Only one" rules hold on the store, under concurrency, whatever the read models have seen. */
describe('unique handles and service names (over HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  async function registered(handle: string) {
    const events = await app.store.readAll();
    return events.filter(
      (e) => e.type === 'ResponderRegistered' && (e.data.handle as string).toLowerCase() === handle.toLowerCase(),
    );
  }

  it('registers exactly one of 50 simultaneous registrations of one handle; the others are CONFLICT', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.gql(REGISTER_RESPONDER, input('race', `Racer ${i}`))),
    );
    const succeeded = answers.filter((a) => !a.errors);
    expect(succeeded).toHaveLength(1);
    for (const refused of answers.filter((a) => a.errors)) {
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'handle' });
    }
    const events = await registered('race');
    expect(events).toHaveLength(1);
    expect(events[0].data.responderId).toBe(succeeded[0].data.registerResponder.id);
    const claim = await app.store.readStream('responder-handle-race');
    expect(claim.map((e) => [e.type, e.data.ownerId])).toEqual([['UniqueKeyClaimed', events[0].data.responderId]]);
  });

  it('compares handles case-insensitively: ANA after ana is CONFLICT, and so are mixed-case races', async () => {
    await app.ok(REGISTER_RESPONDER, input('ana'));
    const upper = await app.gql(REGISTER_RESPONDER, input('ANA'));
    expect(upper.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'handle' });
    const mixed = await Promise.all(['Bo', 'bo', 'BO', 'bO'].map((h) => app.gql(REGISTER_RESPONDER, input(h))));
    expect(mixed.filter((a) => !a.errors)).toHaveLength(1);
    expect(await registered('bo')).toHaveLength(1);
  });

  it('lets the next registration take over a claim whose responder was never written', async () => {
    // a claim appended, then the process died before the responder was
    const orphan = '00000000-0000-4000-8000-00000000c1a1';
    await app.store.append(
      'responder-handle-orphan',
      [
        {
          id: '00000000-0000-4000-8000-00000000c1a2',
          type: 'UniqueKeyClaimed',
          data: { key: 'orphan', ownerId: orphan },
          metadata: {
            actor: 'test-admin',
            correlationId: 'crash',
            causationId: null,
            occurredAt: '',
            schemaVersion: 1,
          },
        },
      ],
      'no_stream',
    );
    const data = await app.ok(REGISTER_RESPONDER, input('Orphan'));
    expect(data.registerResponder.id).toBe(orphan);
    expect((await app.gql(REGISTER_RESPONDER, input('orphan'))).errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await registered('orphan')).toHaveLength(1);
  });

  it('claims nothing for a registration its input refuses', async () => {
    const before = await app.store.headPosition();
    const bad = await app.gql(REGISTER_RESPONDER, {
      input: { name: 'x', handle: 'nozone', timeZone: 'Mars/Olympus', team: 'x', role: 'ENGINEER' },
    });
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await app.store.headPosition()).toBe(before);
    await app.ok(REGISTER_RESPONDER, input('nozone'));
  });

  it('registers one service of 20 simultaneous registrations of one name, and Search after search is CONFLICT', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => app.gql(REGISTER_SERVICE, { name: 'checkout' })),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    for (const refused of answers.filter((a) => a.errors)) {
      expect(refused.errors![0].extensions).toEqual({ code: 'CONFLICT', field: 'name' });
    }
    await app.ok(REGISTER_SERVICE, { name: 'search' });
    expect((await app.gql(REGISTER_SERVICE, { name: 'Search' })).errors?.[0].extensions).toEqual({
      code: 'CONFLICT',
      field: 'name',
    });
    const services = (await app.ok(`{ services { nodes { name } } }`)).services.nodes.map(
      (s: { name: string }) => s.name,
    );
    expect(services.filter((n: string) => n.toLowerCase() === 'checkout')).toHaveLength(1);
  });
});

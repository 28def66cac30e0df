import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbGrpcDouble } from '@app/event-store/testing';
import { freePort, ServiceProcess } from '../support/service-process.js';

const REGISTER = `mutation($input: RegisterResponderInput!) { registerResponder(input: $input) { id handle } }`;
const RESPONDERS = `{ responders(first: 100) { nodes { handle } } }`;

async function register(service: ServiceProcess, handle: string): Promise<void> {
  const response = await service.gql(REGISTER, {
    input: { name: handle, handle, timeZone: 'Europe/Paris', team: 'wiped', role: 'ENGINEER' },
  });
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
}

async function handles(service: ServiceProcess): Promise<string[]> {
  const response = await service.gql<{ responders: { nodes: Array<{ handle: string }> } }>(RESPONDERS);
  if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data!.responders.nodes.map((r) => r.handle).sort();
}

/**
 * A store wiped (or swapped for another) under a read-model file that survives: the checkpoints
 * name the store they belong to, so the read models are rebuilt from the new store's first event
 * instead of resuming at a position past it.
 */
describe('read models kept across a replaced store (the built service)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'replaced-store-'));
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds from a wiped SQLite store: the new store’s first events are projected', async () => {
    const files = {
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
      JWT_SECRET: 'replaced-store-secret-replaced-store-secret-01',
    };
    service = new ServiceProcess(await freePort(), files);
    service.issueAdminToken('before');
    await service.start();
    for (const handle of ['old-1', 'old-2', 'old-3', 'old-4']) await register(service, handle);
    expect(await handles(service)).toEqual(['old-1', 'old-2', 'old-3', 'old-4']);
    await service.stop();

    for (const suffix of ['', '-wal', '-shm']) rmSync(files.SQLITE_PATH + suffix, { force: true });
    service = new ServiceProcess(service.port, files);
    service.issueAdminToken('after');
    await service.start();
    await register(service, 'new-1');
    expect(await handles(service)).toEqual(['new-1']);
    await service.stop();
  });

  it('rebuilds when EventStoreDB is replaced by an empty server', async () => {
    const first = await EsdbGrpcDouble.start();
    const env = {
      READ_MODEL_PATH: join(dir, 'esdb-read-models.sqlite'),
      JWT_SECRET: 'replaced-store-secret-replaced-store-secret-01',
    };
    service = new ServiceProcess(await freePort(), { ...env, EVENTSTORE_CONNECTION_STRING: first.connectionString });
    await service.issueAdminTokenAsync('before');
    await service.start();
    for (const handle of ['esdb-old-1', 'esdb-old-2', 'esdb-old-3']) await register(service, handle);
    await service.stop();
    await first.stop();

    const second = await EsdbGrpcDouble.start();
    try {
      service = new ServiceProcess(service.port, { ...env, EVENTSTORE_CONNECTION_STRING: second.connectionString });
      await service.issueAdminTokenAsync('after');
      await service.start();
      await register(service, 'esdb-new-1');
      expect(await handles(service)).toEqual(['esdb-new-1']);
      await service.stop();
    } finally {
      await second.stop();
    }
  });
});

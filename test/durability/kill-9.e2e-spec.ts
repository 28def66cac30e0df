import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { freePort, ServiceProcess } from '../support/service-process.js';

const REGISTER = `mutation($input: RegisterResponderInput!) { registerResponder(input: $input) { id } }`;
const RESPONDERS = `query($after: String) {
  responders(first: 100, after: $after) { nodes { id handle } pageInfo { hasNextPage endCursor } } }`;

/** Every responder's id, page after page. */
async function allResponderIds(service: ServiceProcess): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const { data } = await service.gql(RESPONDERS, { after });
    const page = data!.responders as {
      nodes: Array<{ id: string }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    for (const { id } of page.nodes) ids.add(id);
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

/**
 * The embedded store's promise: an acknowledged append survives `kill -9`, and the read models
 * (committed with their checkpoint) come back consistent with the event log.
 */
describe('kill -9 of the service (embedded SQLite store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kill9-'));
  const files = {
    SQLITE_PATH: join(dir, 'events.sqlite'),
    READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
    JWT_SECRET_FILE: join(dir, 'jwt-secret'),
  };
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged event and leaves the projection consistent', async () => {
    service = new ServiceProcess(await freePort(), files);
    const token = service.issueAdminToken();
    await service.start();

    const acknowledged = new Set<string>();
    let killed = false;
    let sent = 0;
    async function writer() {
      while (!killed) {
        const handle = `h-${sent++}`;
        try {
          const result = await service.gql(REGISTER, {
            input: { name: handle, handle, timeZone: 'Europe/Paris', team: 'durability', role: 'ENGINEER' },
          });
          if (result.data) acknowledged.add(result.data.registerResponder.id);
          else throw new Error(`The service refused a registration: ${JSON.stringify(result.errors)}`);
        } catch (error) {
          if (!killed && (error as Error).message.startsWith('The service refused')) throw error;
          // otherwise the connection died with the process: not acknowledged
        }
      }
    }
    const writers = Array.from({ length: 16 }, writer);
    const writing = Promise.all(writers);
    const deadline = Date.now() + 20_000;
    while (acknowledged.size < 150) {
      if (Date.now() > deadline) throw new Error(`only ${acknowledged.size} registrations acknowledged`);
      await Promise.race([writing, new Promise((resolve) => setTimeout(resolve, 5))]);
    }
    await service.kill9();
    killed = true;
    await writing;

    service = new ServiceProcess(service.port, files);
    service.token = token;
    await service.start();
    const ids = await allResponderIds(service);
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);

    const events = new BetterSqlite3(files.SQLITE_PATH, { readonly: true });
    const registered = events.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'ResponderRegistered'").get() as {
      n: number;
    };
    events.close();
    expect(ids.size).toBe(registered.n);

    const rebuilt = await service.gql(`mutation { rebuildProjection(name: "current-on-call") { state } }`);
    expect(rebuilt.errors).toBeUndefined();
    expect(await allResponderIds(service)).toEqual(ids);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort, ServiceProcess } from '../support/service-process.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** currentOnCall → rotation → participants → responder → shifts → rotation → … : 4 levels per turn. */
function nested(turns: number): string {
  const open =
    'rotation { participants { responder { shifts(from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { ';
  return `{ currentOnCall { ${open.repeat(turns)} start ${'} } } } '.repeat(turns)} } }`;
}

describe('abuse limits (over HTTP)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(() => app.close());

  it('refuses a query deeper than the limit with a typed error, and keeps serving', async () => {
    const response = await app.gql(nested(4));
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0].message).toMatch(/depth/i);
    expect((await app.gql('{ me { role } }')).errors).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = `{ ${Array.from({ length: 50 }, (_, i) => `a${i}: rotations { nodes { id } }`).join(' ')} }`;
    const response = await app.gql(aliases);
    expect(response.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses batched requests and requests a browser could forge (CSRF)', async () => {
    const batch = await request(app.server)
      .post('/graphql')
      .set('authorization', `Bearer ${app.token}`)
      .send([{ query: '{ me { role } }' }, { query: '{ me { role } }' }]);
    expect(batch.status).toBe(400);
    expect(batch.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const forged = await request(app.server)
      .get('/graphql')
      .query({ query: '{ me { role } }' })
      .set('authorization', `Bearer ${app.token}`);
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('introspection in production', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prod-'));
  let service: ServiceProcess;

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is off by default in production, and the schema stays usable', async () => {
    service = new ServiceProcess(await freePort(), {
      NODE_ENV: 'production',
      SQLITE_PATH: join(dir, 'events.sqlite'),
      READ_MODEL_PATH: ':memory:',
      JWT_SECRET_FILE: join(dir, 'jwt-secret'),
    });
    service.issueAdminToken();
    await service.start();
    const introspection = await service.gql('{ __schema { types { name } } }');
    expect((introspection.errors as Array<{ extensions: { code: string } }>)[0].extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect((await service.gql('{ me { role } }')).data).toEqual({ me: { role: 'ADMIN' } });
  });
});

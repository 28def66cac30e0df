import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN_CLI, freePort, ServiceProcess } from '../support/service-process.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The first day, as the README tells it: the built service runs, an operator runs
 * `TOKEN=$(npm run -s token:admin -- --name ops)` against the same store and calls the API with
 * the token at once. npm and the real command-line tool run as child processes.
 */
describe('npm run token:admin against a running service', () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-cli-'));
  const env = {
    SQLITE_PATH: join(dir, 'events.sqlite'),
    READ_MODEL_PATH: join(dir, 'read-models.sqlite'),
    JWT_SECRET_FILE: join(dir, 'jwt-secret'),
  };
  let service: ServiceProcess;

  function npm(args: string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        'npm',
        args,
        { cwd: process.cwd(), env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, encoding: 'utf8' },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  /** The built command-line tool itself, without npm around it. */
  function cli(args: string[]): Run {
    const run = spawnSync(process.execPath, [ADMIN_TOKEN_CLI, ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    return { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
  }

  async function gql(token: string, query: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: await response.json() };
  }
  const me = (token: string) => gql(token, '{ me { actor { id kind } role } }');

  beforeAll(async () => {
    service = new ServiceProcess(await freePort(), env);
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints only the token, with or without -s, and the token works on the very next request', async () => {
    for (const args of [
      ['run', '-s', 'token:admin', '--', '--name', 'ops'],
      ['run', 'token:admin', '--', '--name', 'ops-2'],
    ]) {
      const run = await npm(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const token = run.stdout.trim();
      const answer = await me(token);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        data: { me: { actor: { id: `operator:${args.at(-1)}`, kind: 'OPERATOR' }, role: 'ADMIN' } },
      });
    }
  });

  it('answers --help with its usage and a missing or bad --name with a message and exit code 2', async () => {
    const help = await npm(['run', '-s', 'token:admin', '--', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run -s token:admin -- --name <name>');
    expect(help.stderr).toBe('');

    const missing = await npm(['run', '-s', 'token:admin']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).not.toMatch(/eyJ/);
    expect(missing.stderr).toMatch(/^error: --name is required\n/);

    for (const args of [
      ['--name'],
      ['--name', 'has space'],
      ['--name', 'x', '--days', '0'],
      ['--name', 'x', '--bogus'],
    ]) {
      const refused = cli(args);
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^error: .+\n/);
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('issues a viewer token for a display: it reads, it writes nothing', async () => {
    const run = await npm(['run', '-s', 'token:admin', '--', '--name', 'lobby-wall', '--viewer']);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect((await me(token)).body).toEqual({
      data: { me: { actor: { id: 'display:lobby-wall', kind: 'DISPLAY' }, role: 'VIEWER' } },
    });

    const read = await gql(token, '{ responder(id: "00000000-0000-4000-8000-000000000000") { name } }');
    expect(read.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const write = await gql(
      token,
      'mutation { registerResponder(input: { name: "Ana", handle: "ana", timeZone: "Europe/Paris", team: "t", role: ENGINEER }) { id } }',
    );
    expect(write.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

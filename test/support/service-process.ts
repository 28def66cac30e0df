import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MAIN = join(process.cwd(), 'dist/apps/api/src/main.js');
export const ADMIN_TOKEN_CLI = join(process.cwd(), 'dist/apps/api/src/cli/issue-admin-token.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The built service (`npm run build`) as a separate process, for tests that kill it. */
export class ServiceProcess {
  private child?: ChildProcess;
  output = '';
  /** An operator admin token, issued through the command-line tool on the same store. */
  token?: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[] = [],
  ) {}

  /** The child's process id, while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private get environment(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      PORT: String(this.port),
      // Tests must not leave a generated secret in ./data.
      NOTIFICATION_SECRET: 'test-notification-secret-for-child-processes',
      ...this.env,
    };
  }

  /** Runs `npm run token:admin` against the service's store (before start: the service then knows it at once). */
  issueAdminToken(name = 'test-operator'): string {
    this.token = execFileSync(process.execPath, [ADMIN_TOKEN_CLI, '--name', name], {
      env: this.environment,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
    return this.token;
  }

  /** Like issueAdminToken, without blocking this process (needed when the store lives in it, as the gRPC double does). */
  async issueAdminTokenAsync(name = 'test-operator'): Promise<string> {
    const { stdout } = await promisify(execFile)(process.execPath, [ADMIN_TOKEN_CLI, '--name', name], {
      env: this.environment,
      encoding: 'utf8',
      timeout: 30_000,
    });
    this.token = stdout.trim();
    return this.token;
  }

  async start(timeoutMs = 20_000): Promise<void> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (jest's global setup does)`);
    this.child = spawn(process.execPath, [...this.nodeArgs, MAIN], {
      env: this.environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`The service exited:\n${this.output}`);
      try {
        const response = await fetch(`${this.url}/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The service did not become healthy:\n${this.output}`);
  }

  async gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: unknown[] }> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  }

  /** kill -9: no shutdown hook runs. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service-process.js';

export const ALERTMANAGER_BINARY = 'prometheus-alertmanager';

/** Whether the Debian package's binary is on the PATH. */
export function alertmanagerInstalled(): boolean {
  return spawnSync('sh', ['-c', `command -v ${ALERTMANAGER_BINARY}`]).status === 0;
}

/** A real Prometheus Alertmanager for one test: its own config, storage and port, no clustering. */
export class AlertmanagerProcess {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(join(tmpdir(), 'alertmanager-'));
  output = '';
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(config: string, timeoutMs = 20_000): Promise<void> {
    this.port = await freePort();
    const configFile = join(this.dir, 'alertmanager.yml');
    writeFileSync(configFile, config);
    this.child = spawn(
      ALERTMANAGER_BINARY,
      [
        `--config.file=${configFile}`,
        `--storage.path=${join(this.dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${this.port}`,
        '--cluster.listen-address=',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`Alertmanager exited:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/-/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Alertmanager did not become ready:\n${this.output}`);
  }

  /** Alertmanager's own API, as Prometheus uses it. */
  async postAlerts(alerts: unknown[]): Promise<void> {
    const response = await fetch(`${this.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    if (!response.ok) throw new Error(`Alertmanager refused the alerts: ${response.status} ${await response.text()}`);
  }

  /** Notifications sent so far to one kind of receiver (from its /metrics). */
  async notificationsSent(integration: 'webhook' | 'pagerduty'): Promise<number> {
    const metrics = await (await fetch(`${this.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith('alertmanager_notifications_total') && l.includes(`integration="${integration}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

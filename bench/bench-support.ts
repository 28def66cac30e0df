import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NewEvent } from '@app/event-store';

export function tempDir(prefix: string): { path: (file: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { path: (file) => join(dir, file), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function newEvent(type: string, data: Record<string, unknown>): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: 'bench',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

export function rate(count: number, milliseconds: number): number {
  return Math.round((count / milliseconds) * 1000);
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function printTable(title: string, rows: Array<Record<string, string | number>>): void {
  console.log(`\n${title}`);
  console.table(rows);
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The bare Apollo + express server of bench/baseline-server.ts, as its own process. */
export class BaselineProcess {
  private child?: ChildProcess;
  port = 0;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const script = join(dirname(fileURLToPath(import.meta.url)), 'baseline-server.js');
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.child = child;
    this.port = await new Promise<number>((resolve, reject) => {
      let output = '';
      child.once('exit', (code) => reject(new Error(`the baseline server exited (${code}): ${output}`)));
      child.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /listening on (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * CPU time (ms) a server process spends per request, from /proc: `requests` requests sent by
 * `clients` clients back to back. Other load on the machine barely changes it, unlike latencies.
 */
export async function cpuPerRequest(
  pid: number | undefined,
  send: () => Promise<unknown>,
  requests = 2_000,
  clients = 4,
): Promise<number> {
  const before = processCpuMs(pid);
  let left = requests;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (left-- > 0) await send();
    }),
  );
  const after = processCpuMs(pid);
  if (before === undefined || after === undefined) throw new Error('CPU time needs /proc (Linux)');
  return (after - before) / requests;
}

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}x`;

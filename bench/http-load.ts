import { Agent, request } from 'node:http';
import { percentile } from './bench-support.js';

export interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  /** Requests that got no answer (a reset connection, a broken pipe): counted, left out of the latencies. */
  failed: number;
}

/** Connection-level failures a loaded, shared machine produces now and then; anything else is a bug. */
const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED']);

export function isTransient(error: unknown): boolean {
  return TRANSIENT.has((error as NodeJS.ErrnoException)?.code ?? '');
}

export interface LoadOptions {
  clients: number;
  seconds: number;
  /** "Bearer <token>" sent with every request. */
  authorization?: string;
  /** Where the requests go; /graphql unless set. */
  path?: string;
}

/**
 * HTTP load on a GraphQL endpoint, two ways:
 * - closed loop (saturation): each client sends its next request as soon as the previous answer
 *   arrives, so latency is mostly queueing behind the other clients;
 * - open loop (a dashboard fleet): the clients send at a fixed total rate whether or not earlier
 *   answers have arrived, and latency counts from the scheduled send.
 * Each phase gets fresh keep-alive connections: the server drops idle ones after 5 s.
 */
export class HttpLoad {
  private agent: Agent;

  constructor(
    private readonly port: number,
    private readonly options: LoadOptions,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  }

  post(body: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: this.options.path ?? '/graphql',
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...(this.options.authorization ? { authorization: this.options.authorization } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async gql(query: string, variables: Record<string, unknown> = {}) {
    const response = JSON.parse(await this.post(JSON.stringify({ query, variables })));
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  async closedLoop(nextBody: () => string): Promise<LoadResult> {
    this.freshConnections();
    const latencies: number[] = [];
    let failed = 0;
    const deadline = performance.now() + this.options.seconds * 1000;
    await Promise.all(
      Array.from({ length: this.options.clients }, async () => {
        while (performance.now() < deadline) {
          const started = performance.now();
          let text: string;
          try {
            text = await this.post(nextBody());
          } catch (error) {
            if (!isTransient(error)) throw error;
            failed += 1;
            continue;
          }
          latencies.push(performance.now() - started);
          if (text.includes('"errors"')) throw new Error(text);
        }
      }),
    );
    reportFailures(failed, latencies.length);
    return summarise(latencies, this.options.seconds, failed);
  }

  async openLoop(nextBody: () => string, rate: number): Promise<LoadResult> {
    this.freshConnections();
    const { clients, seconds } = this.options;
    const latencies: number[] = [];
    const interval = (1000 * clients) / rate;
    const started = performance.now();
    const inFlight: Array<Promise<void>> = [];
    const failures: Error[] = [];
    let failed = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let n = 0; ; n++) {
          const scheduled = started + (n + client / clients) * interval;
          if (scheduled - started > seconds * 1000) break;
          const wait = scheduled - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          // Settled here so that a failure is reported once the phase ends, not as an unhandled rejection.
          inFlight.push(
            this.post(nextBody()).then(
              (text) => {
                if (text.includes('"errors"')) failures.push(new Error(text));
                latencies.push(performance.now() - scheduled);
              },
              (error: Error) => {
                if (isTransient(error)) failed += 1;
                else failures.push(error);
              },
            ),
          );
        }
      }),
    );
    await Promise.all(inFlight);
    if (failures.length > 0) throw failures[0];
    reportFailures(failed, latencies.length);
    if (process.env.DEBUG_LATENCY) {
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log([50, 90, 95, 99, 99.9, 100].map((p) => `p${p}=${percentile(sorted, p).toFixed(2)}`).join(' '));
    }
    return summarise(latencies, seconds, failed);
  }

  close(): void {
    this.agent.destroy();
  }

  private freshConnections(): void {
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: this.options.clients });
  }
}

/** A reset connection now and then (seen under saturation on a shared machine) is counted, not fatal. */
function reportFailures(failed: number, answered: number): void {
  if (failed > 0) console.warn(`${failed} request(s) got no answer (connection reset); ${answered} answered`);
}

function summarise(latencies: number[], seconds: number, failed: number): LoadResult {
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rps: Math.round(latencies.length / seconds),
    failed,
  };
}

export function latencyRow(name: string, result: LoadResult, baseline: { p99: number }) {
  return {
    case: name,
    'p50 ms': result.p50.toFixed(2),
    'p99 ms': result.p99.toFixed(2),
    'requests/s': result.rps,
    'p99 vs baseline': `${(result.p99 / baseline.p99).toFixed(2)}x`,
    'no answer': result.failed,
  };
}

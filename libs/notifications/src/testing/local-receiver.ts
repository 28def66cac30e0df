import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface ReceiverAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * An HTTP server on 127.0.0.1 (a random port) that records every request and answers what the
 * test tells it to: a stand-in for webhook receivers, Teams and Slack's Web API in tests.
 */
export class LocalReceiver {
  readonly requests: ReceivedRequest[] = [];
  private answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer> = () => ({ status: 204 });
  private waiters: { count: number; resolve: () => void }[] = [];
  private server?: Server;
  url = '';

  static async start(
    answer?: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>,
  ): Promise<LocalReceiver> {
    const receiver = new LocalReceiver();
    if (answer) receiver.answer = answer;
    await receiver.listen();
    return receiver;
  }

  /** How to answer each request; a promise holds the answer back until it settles. */
  answerWith(answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>): void {
    this.answer = answer;
  }

  /** Resolves once `count` requests have arrived in all. */
  received(count: number, timeoutMs = 5000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Expected ${count} requests, got ${this.requests.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request: ReceivedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          receivedAt: performance.now(),
        };
        this.requests.push(request);
        void Promise.resolve(this.answer(request)).then((answer) => {
          res.writeHead(answer.status, answer.headers ?? {});
          res.end(answer.body ?? '');
        });
        this.waiters = this.waiters.filter((w) => (this.requests.length >= w.count ? (w.resolve(), false) : true));
      });
    });
    return new Promise((resolve) => {
      this.server!.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        resolve();
      });
    });
  }
}

/** A stand-in for Slack's Web API: records chat.* calls (form fields, blocks parsed) and answers ok. */
export class LocalSlackApi {
  private constructor(readonly receiver: LocalReceiver) {}
  private sequence = 0;
  private readonly failures = new Map<string, string[]>();
  private readonly holds = new Map<string, { arrived: () => void; released: Promise<void> }>();

  /** The next calls of `method` answer `{ ok: false, error }`, one error per call. */
  failNext(method: string, ...errors: string[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  /**
   * The next call of `method` is recorded but not answered until `release()`: a send still in
   * flight. `arrived` resolves once that call has come in.
   */
  holdNext(method: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(method, { arrived, released });
    return { arrived: arrivedPromise, release };
  }

  static async start(): Promise<LocalSlackApi> {
    const receiver = await LocalReceiver.start();
    const api = new LocalSlackApi(receiver);
    receiver.answerWith((request) => api.answer(request));
    return api;
  }

  /** The base URL to give the WebClient (slackApiUrl). */
  get apiUrl(): string {
    return `${this.receiver.url}/api/`;
  }

  /** The calls of one method (`chat.postMessage`), their fields parsed. */
  calls(method: string): { token: string | undefined; args: Record<string, any> }[] {
    return this.receiver.requests
      .filter((r) => r.path === `/api/${method}`)
      .map((r) => ({ token: r.headers.authorization, args: parseArgs(r.body) }));
  }

  close(): Promise<void> {
    return this.receiver.close();
  }

  private async answer(request: ReceivedRequest): Promise<ReceiverAnswer> {
    const args = parseArgs(request.body);
    const method = request.path.replace(/^\/api\//, '');
    const hold = this.holds.get(method);
    if (hold) {
      this.holds.delete(method);
      hold.arrived();
      await hold.released;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      return {
        status: 200,
        body: JSON.stringify({ ok: false, error: failure }),
        headers: { 'content-type': 'application/json' },
      };
    }
    const channel = String(args.channel ?? '');
    const ts = `1700000000.${String(++this.sequence).padStart(6, '0')}`;
    const dm = channel.startsWith('U') || channel.startsWith('W') ? `D${channel.slice(1)}` : channel;
    const result =
      method === 'chat.postMessage'
        ? { ok: true, channel: dm, ts }
        : method === 'chat.update'
          ? { ok: true, channel, ts: args.ts }
          : method === 'chat.postEphemeral'
            ? { ok: true, message_ts: ts }
            : { ok: false, error: 'unknown_method' };
    return { status: 200, body: JSON.stringify(result), headers: { 'content-type': 'application/json' } };
  }
}

function parseArgs(body: string): Record<string, any> {
  if (body.trimStart().startsWith('{')) return JSON.parse(body) as Record<string, any>;
  const args: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = key === 'blocks' || key === 'attachments' ? JSON.parse(value) : value;
  }
  return args;
}

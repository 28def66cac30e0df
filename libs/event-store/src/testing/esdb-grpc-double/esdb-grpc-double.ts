import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { AllSubscription, DropMode } from './all-subscription.js';
import { handleAppend, type AppendContext } from './append-call.js';
import { AppendFaults, type AppendFault } from './append-faults.js';
import { SERVER_DEFAULT_LIMITS, type AppendLimits } from './append-limits.js';
import { handleBatchAppend } from './batch-append-call.js';
import { EventLog } from './event-log.js';
import {
  ServerFeaturesService,
  StreamsService,
  serverFeatures,
  type IServerFeaturesServer,
  type IStreamsServer,
} from './generated-protocol.js';
import { handleRead } from './read-call.js';

export interface EsdbGrpcDoubleOptions {
  /**
   * `batch-append` (the default) is a 24.10 server: ServerFeatures lists BatchAppend, which the
   * client then uses for every append. `append` is a server before 21.10: ServerFeatures and
   * BatchAppend answer UNIMPLEMENTED, and the client falls back to Streams.Append.
   */
  appendPath?: 'batch-append' | 'append';
  /** The server's limits: 1 MiB per append and no per-event limit unless configured. */
  limits?: Partial<AppendLimits>;
  /** Whether a fresh double writes the events a running server writes of its own (true). */
  serverEvents?: boolean;
}

const SERVER_VERSION = '24.10.4';
const STATS_STREAM = '$stats-127.0.0.1:2113';

const unimplemented = { code: status.UNIMPLEMENTED, details: 'Not implemented by the EventStoreDB test double' };

/**
 * An in-process stand-in for a single EventStoreDB node, speaking the Streams gRPC API on
 * 127.0.0.1 so that the real @eventstore/db-client talks to it with
 * `esdb://127.0.0.1:PORT?tls=false`.
 *
 * It behaves as a v24.10 node does where the adapter can tell: ServerFeatures and BatchAppend
 * (or, as an older server, neither), the append size limits with the server's errors, its
 * idempotency rules, empty appends that take a log position, checkpoints and `caught_up` in
 * subscriptions, and `$` events of its own in $all. Delete and Tombstone are UNIMPLEMENTED.
 * Faults can be injected after an append is committed (`failAppendsAfterCommit`).
 * The events live in memory and survive `stop()` / `start()`, like a restarted server's.
 */
export class EsdbGrpcDouble {
  private readonly log = new EventLog();
  private readonly subscriptions = new Set<AllSubscription>();
  private readonly faults = new AppendFaults();
  private readonly limits: AppendLimits;
  private readonly appendPath: 'batch-append' | 'append';
  private server: Server | undefined;
  private boundPort = 0;
  /** How many Append and BatchAppend calls the double has had, to show which path a client takes. */
  readonly calls = { append: 0, batchAppend: 0 };

  constructor(private readonly options: EsdbGrpcDoubleOptions = {}) {
    this.limits = { ...SERVER_DEFAULT_LIMITS, ...options.limits };
    this.appendPath = options.appendPath ?? 'batch-append';
  }

  static async start(options: EsdbGrpcDoubleOptions = {}): Promise<EsdbGrpcDouble> {
    const double = new EsdbGrpcDouble(options);
    await double.start();
    return double;
  }

  get port(): number {
    if (this.boundPort === 0) throw new Error('The EventStoreDB double has never been started');
    return this.boundPort;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  get openSubscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Listens on a free port the first time, then on the same port again after `stop()`. */
  async start(): Promise<void> {
    if (this.server) return;
    if (this.boundPort === 0 && this.options.serverEvents !== false) this.writeServerEvents();
    const server = new Server();
    server.addService(StreamsService, this.streamsService());
    server.addService(ServerFeaturesService, this.serverFeaturesService());
    this.boundPort = await bindWithRetry(server, this.boundPort);
    this.server = server;
  }

  /** Closes every connection at once, as a crashed or stopped server would. */
  async stop(): Promise<void> {
    for (const subscription of [...this.subscriptions]) subscription.finish();
    this.server?.forceShutdown();
    this.server = undefined;
  }

  /**
   * Ends every open subscription call while the server keeps running: with UNAVAILABLE (what a
   * client sees when its connection drops) or with a plain end of stream. Returns how many.
   */
  dropSubscriptions(mode: DropMode = 'unavailable'): number {
    const open = [...this.subscriptions];
    for (const subscription of open) subscription.drop(mode);
    return open.length;
  }

  /**
   * The next `times` appends are committed, then their answer is lost as `fault` says: the
   * client cannot know whether they were stored.
   */
  failAppendsAfterCommit(fault: AppendFault, times = 1): void {
    this.faults.inject(fault, times);
  }

  /** The server's own first events: its statistics stream's metadata (a `$metadata` event in `$$…`), then statistics. */
  private writeServerEvents(): void {
    this.appendSystemEvent('$metadata', `$$${STATS_STREAM}`, { $maxAge: 86400 });
    this.appendSystemEvent('$statsCollected', STATS_STREAM);
  }

  /** Writes an event the way the server writes its own: a `$`-prefixed type in a `$` stream. */
  appendSystemEvent(type = '$statsCollected', streamId = STATS_STREAM, data: object = {}): void {
    const event = {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: new TextEncoder().encode(JSON.stringify(data)),
      customMetadata: new Uint8Array(),
    };
    this.log.append(streamId, [event], 'any');
  }

  private streamsService(): IStreamsServer {
    const context: AppendContext = { log: this.log, limits: this.limits, faults: this.faults };
    return {
      read: handleRead(this.log, this.subscriptions),
      append: (call, callback) => {
        this.calls.append += 1;
        handleAppend(context)(call, callback);
      },
      delete: (_call, callback) => callback(unimplemented),
      tombstone: (_call, callback) => callback(unimplemented),
      batchAppend: (call) => {
        this.calls.batchAppend += 1;
        if (this.appendPath === 'batch-append') handleBatchAppend(context)(call);
        else call.emit('error', unimplemented);
      },
    };
  }

  /** As ServerFeatures.cs lists them, for the methods the double implements. */
  private serverFeaturesService(): IServerFeaturesServer {
    if (this.appendPath === 'append') return { getSupportedMethods: (_call, callback) => callback(unimplemented) };
    const method = (service: string, name: string, features: string[] = []) =>
      new serverFeatures.SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
    const streamsService = 'event_store.client.streams.streams';
    const supported = new serverFeatures.SupportedMethods()
      .setEventStoreServerVersion(SERVER_VERSION)
      .setMethodsList([
        method(streamsService, 'read', ['position', 'events']),
        method(streamsService, 'append'),
        method(streamsService, 'batchappend', ['deadline_duration']),
        method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      ]);
    return { getSupportedMethods: (_call, callback) => callback(null, supported) };
  }
}

/** A port released by `forceShutdown()` can take a moment to become bindable again. */
async function bindWithRetry(server: Server, port: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bind(server, port);
    } catch (error) {
      if (port === 0 || attempt >= 40) throw error;
      await sleep(25);
    }
  }
}

function bind(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    );
  });
}

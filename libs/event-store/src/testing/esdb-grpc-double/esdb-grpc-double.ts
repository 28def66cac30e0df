import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import type { AllSubscription, DropMode } from './all-subscription.js';
import { handleAppend } from './append-call.js';
import { EventLog } from './event-log.js';
import {
  ServerFeaturesService,
  StreamsService,
  type IServerFeaturesServer,
  type IStreamsServer,
} from './generated-protocol.js';
import { handleRead } from './read-call.js';

const unimplemented = { code: status.UNIMPLEMENTED, details: 'Not implemented by the EventStoreDB test double' };

/**
 * An in-process stand-in for a single EventStoreDB node, speaking the Streams gRPC API on
 * 127.0.0.1 so that the real @eventstore/db-client talks to it with
 * `esdb://127.0.0.1:PORT?tls=false`.
 *
 * ServerFeatures answers UNIMPLEMENTED, as a server before 21.10 does, so the client appends with
 * Streams.Append rather than BatchAppend. Delete, Tombstone and BatchAppend are UNIMPLEMENTED.
 * The events live in memory and survive `stop()` / `start()`, like a restarted server's.
 */
export class EsdbGrpcDouble {
  private readonly log = new EventLog();
  private readonly subscriptions = new Set<AllSubscription>();
  private server: Server | undefined;
  private boundPort = 0;

  static async start(): Promise<EsdbGrpcDouble> {
    const double = new EsdbGrpcDouble();
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

  /** Writes an event the way the server writes its own: a `$`-prefixed type in a `$` stream. */
  appendSystemEvent(type = '$statsCollected', streamId = '$stats-127.0.0.1:2113'): void {
    const event = {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: new TextEncoder().encode('{}'),
      customMetadata: new Uint8Array(),
    };
    this.log.append(streamId, [event], 'any');
  }

  private streamsService(): IStreamsServer {
    return {
      read: handleRead(this.log, this.subscriptions),
      append: handleAppend(this.log),
      delete: (_call, callback) => callback(unimplemented),
      tombstone: (_call, callback) => callback(unimplemented),
      batchAppend: (call) => call.emit('error', unimplemented),
    };
  }

  private serverFeaturesService(): IServerFeaturesServer {
    return { getSupportedMethods: (_call, callback) => callback(unimplemented) };
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

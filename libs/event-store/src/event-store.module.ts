import { UniqueKeys } from './unique-key/unique-keys.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APPEND_BUDGET_BYTES, DEFAULT_APPEND_BUDGET_BYTES } from './append-budget.js';
import { CommandRunner } from './decider/command-runner.js';
import { EsdbEventStore } from './esdb/esdb-event-store.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { EVENT_STORE_OPTIONS, type EventStoreModuleOptions } from './event-store.options.js';
import { AuditResolver } from './graphql/audit.resolver.js';
import { ProjectionsResolver } from './graphql/projections.resolver.js';
import { CommittedEvents } from './live/committed-events.js';
import { LiveChanges } from './live/live-changes.js';
import { EventHistoryQuery } from './audit/event-history.query.js';
import { PROJECTION_WAIT_TIMEOUT_MS, ProjectionRunner } from './projections/projection-runner.js';
import { READ_MODEL_DATABASE, ReadModelDatabase } from './projections/read-model-database.js';
import { DUE_TASK_POLL_INTERVAL_MS, DueTaskScheduler } from './scheduler/due-task-scheduler.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

function ensureDirectory(path: string): void {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
}

export function createEventStore(options: EventStoreModuleOptions): EventStore {
  const { appendBudgetBytes } = options;
  if (options.connectionString) {
    return new EsdbEventStore({ connectionString: options.connectionString, appendBudgetBytes });
  }
  ensureDirectory(options.sqlitePath);
  return new SqliteEventStore({ path: options.sqlitePath, appendBudgetBytes });
}

interface AsyncOptions {
  imports?: DynamicModule['imports'];
  inject?: Array<string | symbol | Function>;
  useFactory: (...args: any[]) => EventStoreModuleOptions | Promise<EventStoreModuleOptions>;
}

/**
 * The event-sourcing machinery every bounded context uses: the store (chosen by configuration),
 * the read-model database, the projection runner and the command runner.
 */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  private readonly logger = new Logger(EventStoreModule.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
  ) {}

  static forRootAsync(options: AsyncOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: EVENT_STORE_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
      {
        provide: EVENT_STORE,
        inject: [EVENT_STORE_OPTIONS],
        useFactory: (o: EventStoreModuleOptions) => createEventStore(o),
      },
      {
        provide: READ_MODEL_DATABASE,
        inject: [EVENT_STORE_OPTIONS],
        useFactory: (o: EventStoreModuleOptions) => {
          ensureDirectory(o.readModelPath);
          return new ReadModelDatabase(o.readModelPath);
        },
      },
      {
        provide: PROJECTION_WAIT_TIMEOUT_MS,
        inject: [EVENT_STORE_OPTIONS],
        useFactory: (o: EventStoreModuleOptions) => o.projectionWaitTimeoutMs ?? 5_000,
      },
      {
        provide: APPEND_BUDGET_BYTES,
        inject: [EVENT_STORE_OPTIONS],
        useFactory: (o: EventStoreModuleOptions) => o.appendBudgetBytes ?? DEFAULT_APPEND_BUDGET_BYTES,
      },
      {
        provide: DUE_TASK_POLL_INTERVAL_MS,
        inject: [EVENT_STORE_OPTIONS],
        useFactory: (o: EventStoreModuleOptions) => o.dueTaskPollIntervalMs ?? 1_000,
      },
      ProjectionRunner,
      CommandRunner,
      UniqueKeys,
      DueTaskScheduler,
      EventHistoryQuery,
      ProjectionsResolver,
      AuditResolver,
      CommittedEvents,
      LiveChanges,
    ];
    return {
      module: EventStoreModule,
      imports: [...(options.imports ?? []), DiscoveryModule],
      providers,
      exports: [
        EVENT_STORE,
        APPEND_BUDGET_BYTES,
        READ_MODEL_DATABASE,
        ProjectionRunner,
        CommandRunner,
        UniqueKeys,
        DueTaskScheduler,
        EventHistoryQuery,
        CommittedEvents,
        LiveChanges,
      ],
    };
  }

  /** Runs after the projection runner has closed its subscriptions (onModuleDestroy). */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.readModels.close();
    this.logger.log('Event store and read models closed');
  }
}

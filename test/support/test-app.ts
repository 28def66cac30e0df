import type { Server } from 'node:http';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { CLOCK, ManualClock } from '@app/core';
import {
  DueTaskScheduler,
  EVENT_STORE,
  EVENT_STORE_OPTIONS,
  type EventStore,
  type EventStoreModuleOptions,
} from '@app/event-store';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

export interface GraphQLError {
  message: string;
  path?: string[];
  extensions: { code: string; field?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: GraphQLError[];
}

export interface TestApp {
  app: NestExpressApplication;
  clock: ManualClock;
  store: EventStore;
  server: Server;
  /** POSTs a GraphQL operation over HTTP. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Moves the test clock and waits until every time-driven step now due has been recorded. */
  advanceClock(to: Date | string): Promise<void>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: ManualClock;
  store?: Partial<EventStoreModuleOptions>;
}

/** The real application (every module, HTTP included) on an in-memory store and a test clock. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock('2026-07-15T12:00:00Z');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(CLOCK)
    .useValue(clock)
    .overrideProvider(EVENT_STORE_OPTIONS)
    .useValue({
      sqlitePath: ':memory:',
      readModelPath: ':memory:',
      projectionWaitTimeoutMs: 5000,
      dueTaskPollIntervalMs: 0,
      ...options.store,
    })
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer() as Server;

  async function gql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await request(server)
      .post('/graphql')
      .set({ 'x-actor': 'test-user', ...headers })
      .send({ query, variables });
    return {
      status: response.status,
      data: response.body.data as T,
      errors: response.body.errors,
    } as GraphQLResponse<T>;
  }

  return {
    app,
    clock,
    server,
    store: app.get<EventStore>(EVENT_STORE),
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
      const response = await gql<T>(query, variables, headers);
      if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
      return response.data as T;
    },
    async advanceClock(to: Date | string) {
      clock.set(to);
      await app.get(DueTaskScheduler).runDue();
    },
    close: () => app.close(),
  };
}

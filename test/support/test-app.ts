import type { Server } from 'node:http';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { CLOCK, ManualClock, systemContext, type Role } from '@app/core';
import {
  DueTaskScheduler,
  EVENT_STORE,
  EVENT_STORE_OPTIONS,
  type EventStore,
  type EventStoreModuleOptions,
} from '@app/event-store';
import { IDENTITY_OPTIONS, IssueApiTokenCommand, type IdentityOptions } from '@app/identity';
import { INTEGRATIONS_OPTIONS, type IntegrationsOptions } from '@app/integrations';
import {
  NOTIFICATION_SECRET,
  NOTIFICATIONS_OPTIONS,
  notificationsOptionsFrom,
  type NotificationsOptions,
} from '@app/notifications';
import { ScheduleQueries } from '@app/scheduling';
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

/** Sends GraphQL operations over HTTP with one bearer token. */
export interface GraphQLClient {
  token: string;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Like gql, but fails the test on any error and returns `data`. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
}

/** The default client is an admin (an operator token); `as` gives clients for other roles. */
export interface TestApp extends GraphQLClient {
  app: NestExpressApplication;
  clock: ManualClock;
  store: EventStore;
  server: Server;
  /** A client whose token has `role`, for `subject` (a responder id, or any name for other subjects). */
  as(role: Role, subject?: string): Promise<GraphQLClient>;
  /** Moves the test clock and waits until every time-driven step now due has been recorded. */
  advanceClock(to: Date | string): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: ManualClock;
  store?: Partial<EventStoreModuleOptions>;
  identity?: Partial<IdentityOptions>;
  integrations?: Partial<IntegrationsOptions>;
  notifications?: Partial<NotificationsOptions>;
  /** Providers replaced by fixed values (configuration a test chooses, e.g. a local receiver's URL). */
  overrides?: { provide: unknown; useValue: unknown }[];
}

const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';
const TEST_NOTIFICATION_SECRET = 'test-notification-secret-test-notification-secret';

/**
 * Headers asking the test client to send the request with a token for `subject` (issued on first
 * use, then reused): a shorthand for `app.as(role, subject)` in a table of calls. The subject may
 * be a responder's id or handle; without a role, a registered manager or director gets a manager
 * token, another responder a responder token, and anyone else an integration token.
 */
export function actingAs(subject: string, role?: Role): Record<string, string> {
  return { 'x-test-actor': subject, ...(role ? { 'x-test-role': role } : {}) };
}

/** The real application (every module, HTTP included) on an in-memory store and a test clock. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock('2026-07-15T12:00:00Z');
  let builder = Test.createTestingModule({ imports: [AppModule] })
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
    .overrideProvider(IDENTITY_OPTIONS)
    .useValue({
      jwtSecret: TEST_SECRET,
      jwtSecretFile: '/nonexistent',
      rateLimitPerMinute: 100_000,
      // tests move their clock back before the tokens they issued; authentication.e2e-spec checks the 60 s default
      issuedAtSkewSeconds: 10 * 366 * 86_400,
      ...options.identity,
    })
    .overrideProvider(INTEGRATIONS_OPTIONS)
    .useValue({ alertRateLimitPerMinute: 100_000, ...options.integrations })
    .overrideProvider(NOTIFICATION_SECRET)
    .useValue(TEST_NOTIFICATION_SECRET)
    .overrideProvider(NOTIFICATIONS_OPTIONS)
    .useValue({ ...notificationsOptionsFrom(() => undefined), ...options.notifications });
  for (const { provide, useValue } of options.overrides ?? [])
    builder = builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.init();
  const server = app.getHttpServer() as Server;

  const tokens = new Map<string, Promise<string>>();
  function cachedToken(subjectOrHandle: string, role?: Role): Promise<string> {
    const schedule = app.get(ScheduleQueries);
    const responder = schedule.findResponder(subjectOrHandle) ?? schedule.responderByHandle(subjectOrHandle);
    const subject = responder?.responderId ?? subjectOrHandle;
    const effectiveRole: Role =
      role ?? (!responder ? 'integration' : responder.role === 'engineer' ? 'responder' : 'manager');
    const key = `${effectiveRole}|${subject}`;
    if (!tokens.has(key)) tokens.set(key, tokenFor(effectiveRole, subject));
    return tokens.get(key)!;
  }

  function client(token: string): GraphQLClient {
    async function gql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const { 'x-test-actor': actor, 'x-test-role': role, ...rest } = headers;
      const bearer = actor ? await cachedToken(actor, role as Role | undefined) : token;
      const response = await request(server)
        .post('/graphql')
        .set({ authorization: `Bearer ${bearer}`, ...rest })
        .send({ query, variables });
      return {
        status: response.status,
        data: response.body.data as T,
        errors: response.body.errors,
      } as GraphQLResponse<T>;
    }
    return {
      token,
      gql,
      async ok<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
        const response = await gql<T>(query, variables, headers);
        if (response.errors) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
        return response.data as T;
      },
    };
  }

  async function tokenFor(role: Role, subject: string): Promise<string> {
    const isResponder = app.get(ScheduleQueries).findResponder(subject) !== undefined;
    const subjectKind = role === 'integration' ? 'integration' : isResponder ? 'responder' : 'operator';
    const issued = await app
      .get(CommandBus)
      .execute(
        new IssueApiTokenCommand(
          { subjectKind, subject, role, label: `test ${role}`, expiresInDays: 365 },
          systemContext(),
        ),
      );
    return issued.token;
  }

  const admin = client(await tokenFor('admin', 'test-admin'));
  return {
    ...admin,
    app,
    clock,
    server,
    store: app.get<EventStore>(EVENT_STORE),
    async as(role: Role, subject = `test-${role}`) {
      return client(await tokenFor(role, subject));
    },
    async advanceClock(to: Date | string) {
      clock.set(to);
      await app.get(DueTaskScheduler).runDue();
    },
    close: () => app.close(),
  };
}

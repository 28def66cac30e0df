import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppErrorFilter, CoreModule, createValidationPipe, ReadAccessGuard } from '@app/core';
import { CalendarModule, redactCalendarFeedToken } from '@app/calendar';
import { EscalationsModule } from '@app/escalations';
import { HandoversModule } from '@app/handovers';
import { SessionAuthenticator } from '@app/identity';
import { RapidActionsModule } from '@app/rapid-actions';
import { FiguresModule } from '@app/figures';
import { IntegrationsModule, redactIntakeSecrets } from '@app/integrations';
import { NotificationsModule } from '@app/notifications';
import { SchedulingModule } from '@app/scheduling';
import type { Environment } from './config/environment.js';
import { configModule, eventStoreModule, identityModule } from './config/shared-modules.js';
import { graphqlConfig } from './graphql.config.js';
import { EventStoreHealthIndicator } from './health/event-store.health.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './health/metrics.controller.js';
import { ProjectionsHealthIndicator } from './health/projections.health.js';
import { WEB_APP_ROOT } from './web/web-app.middleware.js';

type Config = ConfigService<Environment, true>;

/** Composes the bounded contexts into one GraphQL service; it holds no domain code of its own. */
@Module({
  imports: [
    configModule(),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.headers["x-csrf-token"]',
            'req.body.routing_key',
          ],
          serializers: { req: (req) => redactCalendarFeedToken(redactIntakeSecrets(req)) },
          autoLogging: { ignore: (req) => req.url === '/metrics' || req.url?.startsWith('/health') === true },
        },
      }),
    }),
    CoreModule,
    CqrsModule.forRoot(),
    eventStoreModule(),
    identityModule(),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [ConfigService, SessionAuthenticator],
      useFactory: (config: Config, authenticator: SessionAuthenticator) => {
        const production = config.get('NODE_ENV', { infer: true }) === 'production';
        const limits = {
          production,
          introspection: config.get('INTROSPECTION', { infer: true }) ?? !production,
          maxDepth: config.get('GRAPHQL_MAX_DEPTH', { infer: true }),
          maxCost: config.get('GRAPHQL_MAX_COST', { infer: true }),
          requestBudgetMs: config.get('GRAPHQL_REQUEST_BUDGET_MS', { infer: true }),
        };
        return graphqlConfig(limits, authenticator);
      },
    }),
    TerminusModule,
    SchedulingModule,
    RapidActionsModule,
    EscalationsModule,
    HandoversModule,
    FiguresModule,
    NotificationsModule,
    IntegrationsModule,
    CalendarModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    EventStoreHealthIndicator,
    ProjectionsHealthIndicator,
    {
      provide: WEB_APP_ROOT,
      inject: [ConfigService],
      useFactory: (config: Config) => config.get('WEB_ROOT', { infer: true }),
    },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
    { provide: APP_GUARD, useClass: ReadAccessGuard },
  ],
})
export class AppModule {}

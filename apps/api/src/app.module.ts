import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { AppErrorFilter, CoreModule, createValidationPipe } from '@app/core';
import { EventStoreModule } from '@app/event-store';
import { SchedulingModule } from '@app/scheduling';
import { EscalationsModule } from '@app/escalations';
import { HandoversModule } from '@app/handovers';
import { validateEnvironment, type Environment } from './config/environment.js';
import { graphqlConfig } from './graphql.config.js';
import { EventStoreHealthIndicator } from './health/event-store.health.js';
import { HealthController } from './health/health.controller.js';

type Config = ConfigService<Environment, true>;

/** Composes the bounded contexts into one GraphQL service; it holds no domain code of its own. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment }),
    LoggerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL', { infer: true }),
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (req) => req.url === '/health' },
        },
      }),
    }),
    CoreModule,
    CqrsModule.forRoot(),
    EventStoreModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: Config) => ({
        connectionString: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
        sqlitePath: config.get('SQLITE_PATH', { infer: true }),
        readModelPath: config.get('READ_MODEL_PATH', { infer: true }),
        projectionWaitTimeoutMs: config.get('PROJECTION_WAIT_TIMEOUT_MS', { infer: true }),
        dueTaskPollIntervalMs: config.get('DUE_TASK_POLL_INTERVAL_MS', { infer: true }),
      }),
    }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [ConfigService],
      useFactory: (config: Config) => graphqlConfig(config.get('NODE_ENV', { infer: true }) !== 'production'),
    }),
    TerminusModule,
    SchedulingModule,
    EscalationsModule,
    HandoversModule,
  ],
  controllers: [HealthController],
  providers: [
    EventStoreHealthIndicator,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class AppModule {}

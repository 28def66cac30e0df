import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventStoreModule, type EventStoreModuleOptions } from '@app/event-store';
import { IdentityModule } from '@app/identity';
import { validateEnvironment, type Environment } from './environment.js';

type Config = ConfigService<Environment, true>;

/** The modules the service and the command-line tools configure the same way. */
export const configModule = () =>
  ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnvironment });

export const eventStoreModule = (overrides: Partial<EventStoreModuleOptions> = {}) =>
  EventStoreModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: Config) => ({
      connectionString: config.get('EVENTSTORE_CONNECTION_STRING', { infer: true }),
      sqlitePath: config.get('SQLITE_PATH', { infer: true }),
      readModelPath: config.get('READ_MODEL_PATH', { infer: true }),
      projectionWaitTimeoutMs: config.get('PROJECTION_WAIT_TIMEOUT_MS', { infer: true }),
      dueTaskPollIntervalMs: config.get('DUE_TASK_POLL_INTERVAL_MS', { infer: true }),
      appendBudgetBytes: config.get('APPEND_BUDGET_BYTES', { infer: true }),
      ...overrides,
    }),
  });

export const identityModule = () =>
  IdentityModule.forRootAsync({
    inject: [ConfigService],
    useFactory: (config: Config) => ({
      jwtSecret: config.get('JWT_SECRET', { infer: true }),
      jwtPrivateKey: config.get('JWT_PRIVATE_KEY', { infer: true }),
      jwtPublicKey: config.get('JWT_PUBLIC_KEY', { infer: true }),
      jwtSecretFile: config.get('JWT_SECRET_FILE', { infer: true }),
      rateLimitPerMinute: config.get('RATE_LIMIT_PER_MINUTE', { infer: true }),
    }),
  });

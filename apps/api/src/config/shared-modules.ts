import { ConfigModule, ConfigService } from '@nestjs/config';
import { EventStoreModule, type EventStoreModuleOptions } from '@app/event-store';
import { IdentityModule, type OidcOptions } from '@app/identity';
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
      sessionTtlHours: config.get('SESSION_TTL_HOURS', { infer: true }),
      oidc: oidcOptions(config),
    }),
  });

/** Single sign-on is on when an issuer is configured (the environment's checks require the client then). */
function oidcOptions(config: Config): OidcOptions | undefined {
  const issuerUrl = config.get('OIDC_ISSUER_URL', { infer: true });
  if (!issuerUrl) return undefined;
  const publicUrl = config.get('PUBLIC_URL', { infer: true }).replace(/\/+$/, '');
  return {
    issuerUrl,
    clientId: config.get('OIDC_CLIENT_ID', { infer: true })!,
    clientSecret: config.get('OIDC_CLIENT_SECRET', { infer: true })!,
    redirectUrl: config.get('OIDC_REDIRECT_URL', { infer: true }) ?? `${publicUrl}/auth/callback`,
    claim: config.get('OIDC_CLAIM', { infer: true }),
    matchField: config.get('OIDC_MATCH_FIELD', { infer: true }),
    scopes: config.get('OIDC_SCOPES', { infer: true }),
  };
}

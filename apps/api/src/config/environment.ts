import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsUrl,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { MAX_SESSION_HOURS, OIDC_MATCH_FIELDS, type OidcMatchField } from '@app/identity';
import { DEFAULT_APPEND_BUDGET_BYTES, MAX_APPEND_BUDGET_BYTES, MIN_APPEND_BUDGET_BYTES } from '@app/event-store';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Everything the service reads from its environment, checked at start-up. */
export class Environment {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsString()
  SQLITE_PATH: string = './data/events.sqlite';

  @IsString()
  READ_MODEL_PATH: string = './data/read-models.sqlite';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsInt()
  @Min(100)
  PROJECTION_WAIT_TIMEOUT_MS: number = 5000;

  @IsInt()
  @Min(0)
  DUE_TASK_POLL_INTERVAL_MS: number = 1000;

  /** The largest append (events' data and metadata, bytes); EventStoreDB refuses more than 1 MiB. */
  @IsInt()
  @Min(MIN_APPEND_BUDGET_BYTES, { message: `APPEND_BUDGET_BYTES must be at least ${MIN_APPEND_BUDGET_BYTES}` })
  @Max(MAX_APPEND_BUDGET_BYTES, {
    message: `APPEND_BUDGET_BYTES must be at most ${MAX_APPEND_BUDGET_BYTES} (EventStoreDB's append limit)`,
  })
  APPEND_BUDGET_BYTES: number = DEFAULT_APPEND_BUDGET_BYTES;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HS256 signing secret for API tokens. */
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** RS256 keys (PEM); both or neither. */
  @IsOptional()
  @Matches(/-----BEGIN PRIVATE KEY-----/, { message: 'JWT_PRIVATE_KEY must be a PKCS#8 PEM key' })
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be an SPKI PEM key' })
  JWT_PUBLIC_KEY?: string;

  /** Where a generated secret is kept when JWT_SECRET and the keys are unset. */
  @IsString()
  JWT_SECRET_FILE: string = './data/jwt-secret';

  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 600;

  /** How long a browser session lasts (single sign-on or an API token signed in at /auth/token). */
  @IsInt({ message: 'SESSION_TTL_HOURS must be a whole number of hours' })
  @Min(1, { message: 'SESSION_TTL_HOURS must be at least 1' })
  @Max(MAX_SESSION_HOURS, { message: `SESSION_TTL_HOURS must be at most ${MAX_SESSION_HOURS}` })
  SESSION_TTL_HOURS: number = 12;

  /** OpenID Connect single sign-on: the identity provider's issuer; unset turns it off. */
  @IsOptional()
  @Matches(/^(https:\/\/[^\s]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/[^\s]*)?)$/, {
    message: 'OIDC_ISSUER_URL must be an https URL (http only on localhost)',
  })
  OIDC_ISSUER_URL?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL' })
  @MinLength(1, { message: 'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL' })
  OIDC_CLIENT_ID?: string;

  @ValidateIf((env: Environment) => env.OIDC_ISSUER_URL !== undefined)
  @IsString({ message: 'OIDC_CLIENT_SECRET is required with OIDC_ISSUER_URL' })
  @MinLength(1, { message: 'OIDC_CLIENT_SECRET is required with OIDC_ISSUER_URL' })
  OIDC_CLIENT_SECRET?: string;

  /** This service's callback as registered at the provider; `${PUBLIC_URL}/auth/callback` unless set. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'OIDC_REDIRECT_URL must be an http(s) URL' },
  )
  OIDC_REDIRECT_URL?: string;

  /** The claim that names the responder. */
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'OIDC_CLAIM must be a claim name' })
  OIDC_CLAIM: string = 'email';

  /** What the claim is matched against: a responder's verified e-mail addresses, or their handle. */
  @IsIn(OIDC_MATCH_FIELDS, { message: `OIDC_MATCH_FIELD must be one of ${OIDC_MATCH_FIELDS.join(', ')}` })
  OIDC_MATCH_FIELD: OidcMatchField = 'email';

  @Matches(/^(\S+ )*openid( \S+)*$/, { message: 'OIDC_SCOPES must be space-separated and include openid' })
  OIDC_SCOPES: string = 'openid email profile';

  /** Alert requests (Events v2 events, webhook notifications) one integration key may send per minute. */
  @IsInt()
  @Min(1)
  ALERT_RATE_LIMIT_PER_MINUTE: number = 6000;

  /** GraphQL introspection; on by default except in production. */
  @IsOptional()
  @IsBoolean()
  INTROSPECTION?: boolean;

  @IsInt()
  @Min(2)
  GRAPHQL_MAX_DEPTH: number = 10;

  @IsInt()
  @Min(100)
  GRAPHQL_MAX_COST: number = 5000;

  /** How long one GraphQL request may run before it is ended with REQUEST_TIMEOUT. */
  @IsInt()
  @Min(1)
  GRAPHQL_REQUEST_BUDGET_MS: number = 5000;

  /** Every notification signing key (action links, webhook secrets, verification codes) derives from it. */
  @IsOptional()
  @MinLength(32, { message: 'NOTIFICATION_SECRET must be at least 32 characters' })
  NOTIFICATION_SECRET?: string;

  /** Where a generated notification secret is kept when NOTIFICATION_SECRET is unset. */
  @IsString()
  NOTIFICATION_SECRET_FILE: string = './data/notification-secret';

  /** The address people reach this service at: action links point to `${PUBLIC_URL}/actions/…`, calendar feeds to `${PUBLIC_URL}/calendar/…`. */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be an http(s) URL' },
  )
  PUBLIC_URL: string = 'http://localhost:3000';

  /** The built web app (npm run build writes it there); served at `/`. */
  @IsString()
  WEB_ROOT: string = './dist/web';

  /** smtp://user:pass@host:587 or smtps://…; without it, e-mail notifications fail (and are shown failed). */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/]+(:\d+)?\/?(\?\S*)?$/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;

  @IsString()
  @MinLength(3)
  SMTP_FROM: string = 'On call <oncall@localhost>';

  /** false accepts a self-signed SMTP certificate. */
  @Transform(({ obj, value }) => booleanFrom(obj.SMTP_TLS_REJECT_UNAUTHORIZED, value))
  @IsBoolean()
  SMTP_TLS_REJECT_UNAUTHORIZED: boolean = true;

  @IsInt()
  @Min(1)
  @Max(20)
  NOTIFICATION_MAX_ATTEMPTS: number = 6;

  @IsInt()
  @Min(100)
  NOTIFICATION_RETRY_BASE_MS: number = 30_000;

  @IsInt()
  @Min(1000)
  NOTIFICATION_RETRY_MAX_MS: number = 1_800_000;

  /** How long a claimed send may go without a result before it is attempted again. */
  @IsInt()
  @Min(1000)
  NOTIFICATION_SEND_LEASE_MS: number = 120_000;

  /** Slack: the workspace bot token (chat.postMessage, chat.update). */
  @IsOptional()
  @Matches(/^xox[bpe]-[A-Za-z0-9-]+$/, { message: 'SLACK_BOT_TOKEN must be a Slack bot token (xoxb-…)' })
  SLACK_BOT_TOKEN?: string;

  /** Slack: the app's signing secret, which verifies interaction requests. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{16,}$/, {
    message: 'SLACK_SIGNING_SECRET must be the Slack app signing secret (16+ letters and digits)',
  })
  SLACK_SIGNING_SECRET?: string;

  /** Slack's Web API base URL (https://slack.com/api/ unless set). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\/$/, { message: 'SLACK_API_URL must be an http(s) URL ending with /' })
  SLACK_API_URL?: string;

  /** Lets webhooks and Teams URLs point at loopback and private networks (link-local stays refused). */
  @Transform(({ obj }) => booleanFrom(obj.WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? false, false))
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: boolean = false;
}

/** 'true' and 'false' as booleans (implicit conversion would make any non-empty string true). */
function booleanFrom(raw: unknown, converted: unknown): unknown {
  if (raw === undefined) return converted;
  if (raw === 'true' || raw === true || raw === '1') return true;
  if (raw === 'false' || raw === false || raw === '0') return false;
  return raw;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const environment = plainToInstance(Environment, present, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(environment, { whitelist: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return environment;
}

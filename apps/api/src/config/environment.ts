import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';
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

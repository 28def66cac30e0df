import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';
import { pinoHttp, type HttpLogger, type Options } from 'pino-http';
import { redactCalendarFeedToken } from '@app/calendar';
import { redactIntakeSecrets } from '@app/integrations';
import type { Environment } from './config/environment.js';

/**
 * The service's one pino logger and its request log. pino-http writes one line per request at
 * `info`; to do so it binds a child logger holding the serialised request to every request up
 * front. When `info` is not logged that line is never written, so the request gets no child
 * logger and no serialisation at all: logging costs nothing when it writes nothing (lines logged
 * during such a request go through the root logger, without the request's fields).
 */
@Injectable()
export class RequestLogging {
  readonly logger: Logger;
  private readonly httpLogger: HttpLogger;

  constructor(config: ConfigService<Environment, true>) {
    this.logger = pino({
      level: config.get('LOG_LEVEL', { infer: true }),
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'req.body.routing_key',
      ],
    });
    this.httpLogger = pinoHttp({
      ...this.rootOptions(),
      autoLogging: { ignore: (req) => req.url === '/metrics' || req.url?.startsWith('/health') === true },
    });
  }

  /** What nestjs-pino builds the application's logger from: a child of the same logger, the same serialisers. */
  rootOptions(): Options {
    return { logger: this.logger, serializers: { req: (req) => redactCalendarFeedToken(redactIntakeSecrets(req)) } };
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.httpLogger.logger.isLevelEnabled('info')) this.httpLogger(req, res, next);
    else next();
  };
}

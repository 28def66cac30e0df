import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { offlineConsole } from '@app/core';
import { ALERT_INTAKE_PATHS, alertIntakeBodyParsing } from '@app/integrations';
import { WEB_APP_ROOT, webApp } from './web/web-app.middleware.js';

export const MAX_BODY = '1mb';

const CODE_BY_PARSER_ERROR: Record<string, string> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'BAD_REQUEST',
  'encoding.unsupported': 'BAD_REQUEST',
  'charset.unsupported': 'BAD_REQUEST',
};

/** A body the JSON parser refuses gets a GraphQL-shaped error, not an HTML page. */
function bodyParserErrors(error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  const code = error.type ? CODE_BY_PARSER_ERROR[error.type] : undefined;
  if (!code) return next(error);
  const message =
    code === 'PAYLOAD_TOO_LARGE' ? `The request body is larger than ${MAX_BODY}` : 'The request body is not valid JSON';
  res.status(error.status ?? 400).json({ errors: [{ message, extensions: { code } }] });
}

/** HTTP set-up shared by main.ts and the end-to-end tests; call before init/listen. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(ALERT_INTAKE_PATHS, ...alertIntakeBodyParsing());
  app.useBodyParser('json', { limit: MAX_BODY });
  app.use(bodyParserErrors);
  app.use('/graphql', offlineConsole);
  app.use(webApp(app.get<string>(WEB_APP_ROOT)));
  app.enableShutdownHooks();
}

import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { offlineConsole } from '@app/core';
import { ALERT_INTAKE_PATHS, alertIntakeBodyParsing } from '@app/integrations';
import { RequestLogging } from './request-logging.js';
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

/** WebSocket upgrades are for graphql-ws at /graphql; any other is answered 404, not left open. */
function refuseOtherUpgrades(app: NestExpressApplication): void {
  (app.getHttpServer() as Server).on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (req.url?.split('?')[0] === '/graphql') return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}

/** HTTP set-up shared by server.ts and the end-to-end tests; call before init/listen. */
export function configureApp(app: NestExpressApplication): void {
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // No SHA-1 ETag over every answer res.send writes: GraphQL answers are POSTs no cache revalidates
  // (the web app's files keep theirs: express.static makes its own).
  app.set('etag', false);
  // Before every module's middleware (mounted at init): nestjs-pino's binds the request's logger this sets.
  app.use(app.get(RequestLogging).middleware);
  app.use(ALERT_INTAKE_PATHS, ...alertIntakeBodyParsing());
  app.useBodyParser('json', { limit: MAX_BODY });
  app.use(bodyParserErrors);
  app.use('/graphql', offlineConsole);
  app.use(webApp(app.get<string>(WEB_APP_ROOT)));
  refuseOtherUpgrades(app);
  app.enableShutdownHooks();
}

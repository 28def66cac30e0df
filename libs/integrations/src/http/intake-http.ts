import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import { Logger } from '@nestjs/common';
import { AppError } from '@app/core';

/** The alert endpoints: their bodies are parsed here (512 KB, any content type), before the service's 1 MB JSON parser. */
export const ALERT_INTAKE_PATHS = ['/v2/enqueue', '/integrations/alertmanager', '/integrations/grafana'];
export const ALERT_INTAKE_BODY_LIMIT = '512kb';

export const invalidEvent = (errors: string[]) => ({
  status: 'invalid event',
  message: 'Event object is invalid',
  errors,
});

/** A body refused by the parser gets PagerDuty's answer shape, never a stack trace. */
function intakeBodyErrors(error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  if (error.type === 'entity.too.large') {
    res.status(413).json(invalidEvent([`The request body is larger than ${ALERT_INTAKE_BODY_LIMIT.toUpperCase()}`]));
  } else if (error.type === 'entity.parse.failed') {
    res.status(400).json(invalidEvent(['The request body is not valid JSON']));
  } else if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    res.status(400).json(invalidEvent(['The request body’s encoding is not supported']));
  } else {
    next(error);
  }
}

/** Mount with `app.use(ALERT_INTAKE_PATHS, ...alertIntakeBodyParsing())` before the global parser. */
export function alertIntakeBodyParsing(): Array<RequestHandler | typeof intakeBodyErrors> {
  return [express.json({ limit: ALERT_INTAKE_BODY_LIMIT, type: () => true, strict: false }), intakeBodyErrors];
}

const logger = new Logger('AlertIntake');

/** Maps what a handler threw to an answer: a user's mistake is a 4xx with its message, anything else a bare 500. */
export function answerError(res: Response, error: unknown): void {
  if (error instanceof AppError) {
    const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'CONFLICT' ? 409 : 400;
    res.status(status).json({ status: 'error', message: error.message });
    return;
  }
  logger.error(error instanceof Error ? error.message : String(error));
  res.status(500).json({ status: 'error', message: 'The event could not be processed; retry later' });
}

/** The key in `/integrations/<kind>/<key>` and in `routing_key` never reaches a log line. */
export function redactIntakeSecrets<T extends { url?: string; params?: Record<string, unknown> }>(req: T): T {
  if (!req.url?.startsWith('/integrations/')) return req;
  const url = req.url.replace(/^(\/integrations\/[^/?#]+\/)[^/?#]+/, '$1[REDACTED]');
  // Route parameters repeat the path (the key, or every segment under a catch-all): none is logged.
  return { ...req, url, params: {} };
}

import type { NextFunction, Request, Response } from 'express';
import { OFFLINE_CONSOLE_HTML } from './offline-console.html.js';

/**
 * GET /graphql from a browser gets a small self-contained query console (no CDN, so it works
 * offline) instead of the stock landing pages. Other GETs (queries by URL) pass through.
 */
export function offlineConsole(req: Request, res: Response, next: NextFunction): void {
  const wantsHtml = req.method === 'GET' && !req.query.query && (req.headers.accept ?? '').includes('text/html');
  if (!wantsHtml) return next();
  res.type('html').send(OFFLINE_CONSOLE_HTML);
}

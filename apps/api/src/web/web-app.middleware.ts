import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The folder of the built web app (WEB_ROOT); tests may provide another. */
export const WEB_APP_ROOT = Symbol('WEB_APP_ROOT');

/** Paths the API itself answers; the web app never shadows them. */
export const API_PATH_PREFIXES = [
  '/graphql',
  '/health',
  '/metrics',
  '/auth',
  '/calendar',
  '/actions',
  '/integrations',
  '/v2',
];

/**
 * Who may load what once the page runs: scripts and styles from this origin only, GraphQL over
 * fetch and graphql-ws to this origin only, no framing. React sets styles through the DOM, which
 * a style-src without 'unsafe-inline' would still allow; the calendar and chart libraries write
 * style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function securityHeaders(res: Response): void {
  res.setHeader('content-security-policy', WEB_APP_CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
}

/**
 * Serves the built web app (dist/web) at `/`: its hashed assets with a year's caching, and
 * index.html for every other browser navigation (GET asking for HTML, outside the API's paths)
 * so the app's own routes (/escalations/ID) survive a reload. Without a build it answers 404
 * with how to build it.
 */
export function webApp(root: string): RequestHandler {
  const folder = resolve(root);
  const indexFile = join(folder, 'index.html');
  const assets = express.static(folder, {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders(res, path) {
      if (path.includes(`${join(folder, 'assets')}`))
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
  let index: string | undefined;
  const indexHtml = () => (index ??= existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined);

  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    assets(req, res, () => {
      const wantsPage = (req.headers.accept ?? '').includes('text/html') || req.path === '/';
      const looksLikeFile = /\.[a-z0-9]+$/i.test(req.path);
      if (!wantsPage || looksLikeFile) return next();
      const html = indexHtml();
      securityHeaders(res);
      if (!html) {
        res.status(404).type('text').send('The web app is not built: run `npm run build` (it writes dist/web).');
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      res.type('html').send(html);
    });
  };
}

import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AppError, CLOCK, UnauthenticatedError, type Clock } from '@app/core';
import type { StartedSession } from '../commands/start-session.command.js';
import {
  IdentityProviderError,
  PENDING_LOGIN_COOKIE,
  PENDING_LOGIN_SECONDS,
  type PendingLogin,
} from '../oidc/oidc-sign-in.js';
import { cookieNamed, SESSION_COOKIE } from '../sessions/session-cookie.js';
import { SignIn } from '../sessions/sign-in.service.js';

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * Browser sign-in: `GET /auth/session`, `GET /auth/login` → the identity provider →
 * `GET /auth/callback`, `POST /auth/token` (an API token), `POST /auth/logout`. Errors are 4xx
 * with a message (an HTML page for the two a browser navigates to), never a stack trace.
 */
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger(AuthController.name);

  constructor(
    private readonly signIn: SignIn,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('session')
  async session(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, 'json', async () => {
      res.status(200).json(await this.signIn.answer(req.headers));
    });
  }

  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, 'html', async () => {
      if (!this.signIn.oidcEnabled) {
        res.status(404).type('html').send(page('Single sign-on is not configured here; sign in with an API token.'));
        return;
      }
      const { url, pending } = await this.signIn.beginOidc();
      res.cookie(PENDING_LOGIN_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        ...cookieFlags(req),
        path: '/auth',
        maxAge: PENDING_LOGIN_SECONDS * 1000,
      });
      res.redirect(302, url.href);
    });
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, 'html', async () => {
      res.clearCookie(PENDING_LOGIN_COOKIE, { ...cookieFlags(req), path: '/auth' });
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
      const started = await this.signIn.completeOidc(query, pendingLogin(req), req.headers);
      this.setSession(req, res, started);
      res.redirect(302, '/');
    });
  }

  @Post('token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, 'json', async () => {
      if (!req.is('application/json')) {
        res.status(415).json({ message: 'Send the token as JSON: {"token": "<api token>"}' });
        return;
      }
      const token = (req.body as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
        res.status(400).json({ message: 'The body must be {"token": "<api token>"}', field: 'token' });
        return;
      }
      const started = await this.signIn.withToken(token, req.headers);
      this.setSession(req, res, started);
      res.status(200).json(await this.signIn.answer({ cookie: `${SESSION_COOKIE}=${started.cookieValue}` }));
    });
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, 'json', async () => {
      try {
        await this.signIn.signOut(req.headers);
      } catch (error) {
        // A session that is no longer valid is cleared from the browser too; a missing CSRF token clears nothing.
        if (error instanceof UnauthenticatedError) res.clearCookie(SESSION_COOKIE, { ...cookieFlags(req), path: '/' });
        throw error;
      }
      res.clearCookie(SESSION_COOKIE, { ...cookieFlags(req), path: '/' });
      res.status(204).end();
    });
  }

  private setSession(req: Request, res: Response, started: StartedSession): void {
    res.cookie(SESSION_COOKIE, started.cookieValue, {
      ...cookieFlags(req),
      path: '/',
      maxAge: Math.max(0, started.expiresAt.getTime() - this.clock.now().getTime()),
    });
  }

  private async answer(res: Response, form: 'json' | 'html', work: () => Promise<void>): Promise<void> {
    res.set('Cache-Control', 'no-store');
    try {
      await work();
    } catch (error) {
      const [status, message] =
        error instanceof AppError
          ? [STATUS[error.code] ?? 400, error.message]
          : error instanceof IdentityProviderError
            ? [502, error.message]
            : [500, 'Sign-in failed on the server; try again'];
      if (status >= 500) this.logger.error(`Sign-in failed: ${(error as Error).message}`);
      if (form === 'html') res.status(status).type('html').send(page(message));
      else res.status(status).json({ message, ...(error instanceof AppError ? { code: error.code } : {}) });
    }
  }
}

/** httpOnly and SameSite=Lax always; Secure when the browser reached us over https (directly or through a proxy). */
function cookieFlags(req: Request): CookieOptions {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return { httpOnly: true, sameSite: 'lax', secure: req.secure || proto === 'https' };
}

function pendingLogin(req: Request): PendingLogin | null {
  const raw = cookieNamed(req.headers.cookie, PENDING_LOGIN_COOKIE);
  if (!raw || raw.length > 2048) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingLogin>;
    const fields = [value.state, value.nonce, value.codeVerifier, value.startedAt];
    return fields.every((field) => typeof field === 'string') ? (value as PendingLogin) : null;
  } catch {
    return null;
  }
}

function page(message: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in</title></head><body><main><h1>Sign-in</h1><p role="alert">${text}</p><p><a href="/">Back to the start page</a></p></main></body></html>`;
}

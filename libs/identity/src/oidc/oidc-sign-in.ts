import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { BadUserInputError, CLOCK, ForbiddenError, type Clock } from '@app/core';
import { IDENTITY_OPTIONS, type IdentityOptions, type OidcOptions } from '../identity.options.js';
import { ResponderMatch, type MatchedResponder } from './responder-match.js';

/** What the browser keeps (an httpOnly cookie) between `/auth/login` and `/auth/callback`. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** When the login began (the service's clock): a pending login older than ten minutes is refused. */
  startedAt: string;
}

export const PENDING_LOGIN_COOKIE = 'ic_oidc';
export const PENDING_LOGIN_SECONDS = 600;

/** The identity provider could not be reached or answered nonsense: not the user's fault (502). */
export class IdentityProviderError extends Error {}

export interface SignedInResponder extends MatchedResponder {
  issuer: string;
  claim: string;
}

/**
 * OpenID Connect sign-in through openid-client: the authorization code flow with PKCE (S256),
 * state and nonce; the ID token is validated by openid-client; the configured claim (from the
 * ID token, else from the UserInfo endpoint) is matched to a responder.
 */
@Injectable()
export class OidcSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly match: ResponderMatch,
  ) {}

  get enabled(): boolean {
    return this.options.oidc !== undefined;
  }

  async begin(): Promise<{ url: URL; pending: PendingLogin }> {
    const settings = this.settings();
    const config = await this.discovered();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      startedAt: this.clock.now().toISOString(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: settings.redirectUrl,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** The responder who signed in, from the callback's query string and the browser's pending login. */
  async complete(query: string, pending: PendingLogin | null): Promise<SignedInResponder> {
    const settings = this.settings();
    const params = new URLSearchParams(query);
    if (!pending || this.clock.now().getTime() - Date.parse(pending.startedAt) > PENDING_LOGIN_SECONDS * 1000) {
      throw new BadUserInputError(
        'state',
        'No sign-in is in progress in this browser (or it took too long); start again',
      );
    }
    if (params.get('state') !== pending.state) {
      throw new BadUserInputError('state', 'This answer belongs to another sign-in (state mismatch); start again');
    }
    const error = params.get('error');
    if (error) {
      throw new ForbiddenError(
        `The identity provider refused the sign-in: ${params.get('error_description') ?? error}`,
      );
    }
    const config = await this.discovered();
    const callbackUrl = new URL(settings.redirectUrl);
    callbackUrl.search = params.toString();
    const claims = await providerCall(async () => {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      if (idToken[settings.claim] !== undefined) return idToken as Record<string, unknown>;
      return (await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)) as Record<string, unknown>;
    });
    const value = claims[settings.claim];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ForbiddenError(`The identity provider did not say your ${settings.claim}; ask an admin`);
    }
    if (settings.claim === 'email' && claims.email_verified === false) {
      throw new ForbiddenError('Your identity provider has not verified your e-mail address');
    }
    const responder = this.match.find(settings.matchField, value, this.clock.now());
    return { ...responder, issuer: config.serverMetadata().issuer, claim: settings.claim };
  }

  private settings(): OidcOptions {
    if (!this.options.oidc)
      throw new BadUserInputError('oidc', 'Single sign-on is not configured; sign in with an API token');
    return this.options.oidc;
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private discovered(): Promise<oidc.Configuration> {
    const settings = this.settings();
    const issuer = new URL(settings.issuerUrl);
    const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
    this.configuration ??= oidc
      .discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure)
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new IdentityProviderError(`The identity provider could not be used: ${explain(error)}`);
      });
    return this.configuration;
  }
}

/**
 * A refusal the provider or openid-client's checks make (a wrong code verifier, an ID token for
 * another nonce) is the sign-in's fault: BAD_USER_INPUT; a provider that cannot be reached is not.
 */
async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
      throw new BadUserInputError(
        'code',
        `The identity provider refused the sign-in: ${error.error_description ?? error.error}`,
      );
    }
    if (error instanceof oidc.ClientError && error.code?.startsWith('OAUTH_') && !UNREACHABLE.has(error.code)) {
      throw new BadUserInputError('code', `The sign-in answer did not pass its checks: ${error.message}`);
    }
    throw new IdentityProviderError(`The identity provider could not be used: ${explain(error)}`);
  }
}

/** Codes openid-client gives a provider that answers no proper OAuth response (a 5xx, an HTML page). */
const UNREACHABLE = new Set([
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_HTTP_REQUEST_FORBIDDEN',
]);

/** The error and what caused it ("something went wrong: fetch failed: connect ECONNREFUSED …"). */
function explain(error: unknown): string {
  const parts: string[] = [];
  let current = error as { message?: string; cause?: unknown } | undefined;
  while (current && parts.length < 4) {
    if (current.message) parts.push(current.message);
    current = current.cause as typeof current;
  }
  return parts.join(': ') || String(error);
}

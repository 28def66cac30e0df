export interface IdentityOptions {
  /** HS256 secret (at least 32 characters). */
  jwtSecret?: string;
  /** RS256 keys (PEM); when set they are used instead of a secret. */
  jwtPrivateKey?: string;
  jwtPublicKey?: string;
  /** Where a generated HS256 secret is kept when none is configured. */
  jwtSecretFile: string;
  /** Requests per minute allowed for one token. */
  rateLimitPerMinute: number;
  /**
   * How far ahead of the clock a token's issue time may be (another instance's clock drifting);
   * 60 s unless set. Tests that move their clock backwards past the tokens they issued widen it.
   */
  issuedAtSkewSeconds?: number;
  /** How long a browser session lasts (12 hours unless set). */
  sessionTtlHours?: number;
  /** Single sign-on; without it only API-token sign-in makes sessions. */
  oidc?: OidcOptions;
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

/** How long a browser session lasts unless SESSION_TTL_HOURS says otherwise. */
export const DEFAULT_SESSION_TTL_HOURS = 12;

/** What a sign-in claim is matched against: a responder's verified e-mail addresses, or their handle. */
export const OIDC_MATCH_FIELDS = ['email', 'handle'] as const;
export type OidcMatchField = (typeof OIDC_MATCH_FIELDS)[number];

/** OpenID Connect single sign-on (authorization code with PKCE); off when absent. */
export interface OidcOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** This service's `/auth/callback` as the identity provider knows it. */
  redirectUrl: string;
  /** The claim that names the responder (`email` unless configured). */
  claim: string;
  matchField: OidcMatchField;
  /** Space-separated scopes asked for (`openid email profile` unless configured). */
  scopes: string;
}

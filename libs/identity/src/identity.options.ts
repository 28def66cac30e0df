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
}

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');

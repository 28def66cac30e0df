import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Logger } from '@nestjs/common';
import { SignJWT, errors, importPKCS8, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import { ROLES, UnauthenticatedError, type Role } from '@app/core';
import { MAX_LIFETIME_DAYS } from '../domain/api-token/api-token.decider.js';
import type { IdentityOptions } from '../identity.options.js';

export interface TokenClaims {
  subject: string;
  role: Role;
  tokenId: string;
}

const ISSUER = 'incident-coordination';
const AUDIENCE = 'incident-coordination-api';
/** How far ahead of our clock a token's issue time may be, unless configured otherwise. */
export const ISSUED_AT_SKEW_SECONDS = 60;
const MAX_LIFETIME_SECONDS = MAX_LIFETIME_DAYS * 86_400;
/** How many verified tokens are remembered; the oldest remembered is forgotten first. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/** What a verified token's signature vouches for, and the times to check it against at each use. */
interface VerifiedToken {
  claims: TokenClaims;
  issuedAt: number;
  expiresAt: number;
  notBefore: number | undefined;
}

/**
 * Signs and verifies API tokens (JWT, HS256 or RS256) with the configured secret or keys.
 * A token whose signature has been verified is remembered (by its exact text, until it expires,
 * at most VERIFIED_TOKEN_CACHE_SIZE of them), so a client's next request costs a lookup instead
 * of a signature check; its times are still checked against the clock at every use. Revocation
 * is not this class's concern: the Authenticator checks it on every request.
 */
export class TokenSigner {
  private readonly verified = new Map<string, VerifiedToken>();

  private constructor(
    private readonly algorithm: 'HS256' | 'RS256',
    private readonly signingKey: KeyObject | CryptoKey,
    private readonly verificationKey: KeyObject | CryptoKey,
    private readonly issuedAtSkewSeconds: number,
  ) {}

  static async create(options: IdentityOptions): Promise<TokenSigner> {
    const skew = options.issuedAtSkewSeconds ?? ISSUED_AT_SKEW_SECONDS;
    if (options.jwtPrivateKey && options.jwtPublicKey) {
      const privateKey = await importPKCS8(options.jwtPrivateKey, 'RS256');
      const publicKey = await importSPKI(options.jwtPublicKey, 'RS256');
      return new TokenSigner('RS256', privateKey, publicKey, skew);
    }
    // A KeyObject, made once: from raw bytes jose would import the key again for every token.
    const secret = createSecretKey(Buffer.from(options.jwtSecret ?? secretFromFile(options.jwtSecretFile)));
    return new TokenSigner('HS256', secret, secret, skew);
  }

  sign(claims: TokenClaims, issuedAt: Date, expiresAt: Date): Promise<string> {
    return new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: this.algorithm })
      .setSubject(claims.subject)
      .setJti(claims.tokenId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.signingKey);
  }

  /**
   * The token's claims; UNAUTHENTICATED when it is forged, expired, or not one of ours, and when
   * its claims could not have been issued here: an issue time in the future (beyond a minute of
   * skew) or a lifetime longer than tokens are issued for.
   */
  async verify(token: string, now: Date): Promise<TokenClaims> {
    const known = this.verified.get(token) ?? (await this.verifySignature(token, now));
    this.checkTimes(known, now);
    return known.claims;
  }

  private async verifySignature(token: string, now: Date): Promise<VerifiedToken> {
    let verified: VerifiedToken;
    try {
      const { payload } = await jwtVerify(token, this.verificationKey, {
        algorithms: [this.algorithm],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      });
      const role = payload.role as Role;
      if (!ROLES.includes(role)) throw new UnauthenticatedError('The token names no known role');
      verified = {
        claims: { subject: payload.sub!, role, tokenId: payload.jti! },
        issuedAt: payload.iat!,
        expiresAt: payload.exp!,
        notBefore: payload.nbf,
      };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The token has expired');
      throw new UnauthenticatedError('The token is not valid');
    }
    if (verified.expiresAt - verified.issuedAt > MAX_LIFETIME_SECONDS) {
      throw new UnauthenticatedError(`The token lives longer than ${MAX_LIFETIME_DAYS} days`);
    }
    this.remember(token, verified, now);
    return verified;
  }

  /**
   * jose's own time checks (the same rounding, no tolerance), and ours: an issue time in the
   * future beyond the allowed skew means the token could not have been issued here.
   */
  private checkTimes(token: VerifiedToken, now: Date): void {
    const seconds = Math.floor(now.getTime() / 1000);
    if (token.expiresAt <= seconds) throw new UnauthenticatedError('The token has expired');
    if (token.notBefore !== undefined && token.notBefore > seconds) {
      throw new UnauthenticatedError('The token is not valid');
    }
    if (token.issuedAt > now.getTime() / 1000 + this.issuedAtSkewSeconds) {
      throw new UnauthenticatedError('The token is issued in the future');
    }
  }

  /** When full, the expired are forgotten first, then the oldest remembered. */
  private remember(token: string, verified: VerifiedToken, now: Date): void {
    if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE) {
      const seconds = now.getTime() / 1000;
      for (const [key, entry] of this.verified) if (entry.expiresAt <= seconds) this.verified.delete(key);
      if (this.verified.size >= VERIFIED_TOKEN_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, verified);
  }
}

/** A secret generated at the first start and kept (readable by the owner only) for the next ones. */
function secretFromFile(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  chmodSync(path, 0o600);
  new Logger('Identity').warn(`No JWT_SECRET configured: generated one in ${path}`);
  return secret;
}

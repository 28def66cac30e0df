import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import {
  CLOCK,
  correlationIdFrom,
  TooManyRequestsError,
  UnauthenticatedError,
  type Clock,
  type RequestContext,
} from '@app/core';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { TokenSigner } from '../tokens/token-signer.js';

type Headers = Record<string, string | string[] | undefined>;

const MAX_TOKEN_LENGTH = 4096;

/**
 * Turns a request's bearer token into its RequestContext: the signature and expiry are checked,
 * then the token must be known and not revoked (the api-tokens read model), then the token's
 * request rate is limited.
 */
@Injectable()
export class Authenticator {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly signer: TokenSigner,
    private readonly tokens: ApiTokensProjection,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.limiter = new RateLimiterMemory({ points: options.rateLimitPerMinute, duration: 60 });
  }

  async authenticate(headers: Headers): Promise<RequestContext> {
    const token = bearerToken(headers);
    const claims = await this.signer.verify(token, this.clock.now());
    const known = this.tokens.find(claims.tokenId);
    if (!known || known.subject !== claims.subject || known.role !== claims.role) {
      throw new UnauthenticatedError('The token is not valid');
    }
    if (known.revokedAt) throw new UnauthenticatedError('The token has been revoked');
    const deactivatedAt = this.tokens.subjectDeactivatedAt(known.subject);
    if (deactivatedAt !== undefined && Date.parse(deactivatedAt) <= this.clock.now().getTime()) {
      throw new UnauthenticatedError('The token’s responder has been deactivated');
    }
    try {
      await this.limiter.consume(claims.tokenId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.ceil(rejection.msBeforeNext / 1000);
      throw new TooManyRequestsError(`Too many requests for this token; retry in ${seconds} s`, {
        retryAfterSeconds: seconds,
      });
    }
    return {
      actor: known.subject,
      role: known.role,
      tokenId: known.tokenId,
      correlationId: correlationIdFrom(headers),
    };
  }
}

function bearerToken(headers: Headers): string {
  const value = headers.authorization;
  const header = Array.isArray(value) ? value[0] : value;
  if (!header) throw new UnauthenticatedError('A bearer token is required (Authorization: Bearer <token>)');
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match || match[1].length > MAX_TOKEN_LENGTH)
    throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
  return match[1];
}

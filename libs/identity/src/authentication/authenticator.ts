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
import { CommandRunner } from '@app/event-store';
import { apiTokenDecider, type ApiToken } from '../domain/api-token/api-token.decider.js';
import { apiTokenStream } from '../domain/api-token/api-token.events.js';
import { IDENTITY_OPTIONS, type IdentityOptions } from '../identity.options.js';
import { ApiTokensProjection } from '../projections/api-tokens.projection.js';
import { TokenSigner } from '../tokens/token-signer.js';

type Headers = Record<string, string | string[] | undefined>;

const MAX_TOKEN_LENGTH = 4096;

/**
 * Turns a request's bearer token into its RequestContext: the signature and expiry are checked,
 * then the token must be known and not revoked (the api-tokens read model, or the token's own
 * stream when the read model has not seen it yet), then the token's request rate is limited.
 */
@Injectable()
export class Authenticator {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly signer: TokenSigner,
    private readonly tokens: ApiTokensProjection,
    private readonly runner: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_OPTIONS) options: IdentityOptions,
  ) {
    this.limiter = new RateLimiterMemory({ points: options.rateLimitPerMinute, duration: 60 });
  }

  async authenticate(headers: Headers): Promise<RequestContext> {
    const token = bearerToken(headers);
    const claims = await this.signer.verify(token, this.clock.now());
    const known = await this.knownToken(claims.tokenId);
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

  /**
   * A token issued a moment ago (by the command line, or by another instance on the same store)
   * may not be in the read model yet: its stream says whether it exists. Only a token signed with
   * the service's key gets this far, so unknown ids cannot be used to make the store work.
   */
  private async knownToken(tokenId: string): Promise<ApiToken | null> {
    return this.tokens.find(tokenId) ?? (await this.runner.load(apiTokenStream(tokenId), apiTokenDecider));
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

import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { IntegrationKey } from '../domain/integration-key/integration-key.decider.js';
import { INTEGRATIONS_OPTIONS, type IntegrationsOptions } from '../integrations.options.js';
import { IntegrationKeysProjection } from '../projections/integration-keys.projection.js';
import { hashKeySecret } from './key-secret.js';

export type GateOutcome =
  | { ok: true; key: IntegrationKey }
  | { ok: false; reason: 'UNKNOWN_KEY' }
  | { ok: false; reason: 'TOO_FAST'; retryAfterSeconds: number };

/** The key is the credential of the alert endpoints: looked up by its hash, then rate-limited per key. */
@Injectable()
export class IntakeGate {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly keys: IntegrationKeysProjection,
    @Inject(INTEGRATIONS_OPTIONS) options: IntegrationsOptions,
  ) {
    this.limiter = new RateLimiterMemory({ points: options.alertRateLimitPerMinute, duration: 60 });
  }

  async admit(secret: unknown, kinds: readonly IntegrationKey['kind'][]): Promise<GateOutcome> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 200) {
      return { ok: false, reason: 'UNKNOWN_KEY' };
    }
    const key = this.keys.byHash(hashKeySecret(secret));
    if (!key || key.revokedAt || !kinds.includes(key.kind)) return { ok: false, reason: 'UNKNOWN_KEY' };
    try {
      await this.limiter.consume(key.integrationKeyId);
      return { ok: true, key };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return {
        ok: false,
        reason: 'TOO_FAST',
        retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
      };
    }
  }
}

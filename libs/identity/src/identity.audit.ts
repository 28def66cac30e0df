import { Injectable } from '@nestjs/common';
import { NotFoundError, requireRole, type RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { apiTokenStream } from './domain/api-token/api-token.events.js';
import { ApiTokensProjection } from './projections/api-tokens.projection.js';

/** Who issued and revoked a token: admins only. */
@AuditSourceProvider()
@Injectable()
export class ApiTokenAuditSource implements AuditSource {
  readonly kind = 'api-token';

  constructor(private readonly tokens: ApiTokensProjection) {}

  streamFor(id: string): string {
    return apiTokenStream(id);
  }

  assertCanAudit(context: RequestContext, id: string): void {
    requireRole(context, ['admin'], 'audit API tokens');
    if (!this.tokens.find(id)) throw new NotFoundError('API token', id);
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { escalationStream } from './domain/escalation/escalation.events.js';
import { EscalationQueries } from './projections/escalation.queries.js';

/** Escalations are visible to every reader, and so is their history. */
@AuditSourceProvider()
@Injectable()
export class EscalationAuditSource implements AuditSource {
  readonly kind = 'escalation';

  constructor(private readonly queries: EscalationQueries) {}

  streamFor(id: string): string {
    return escalationStream(id);
  }

  assertCanAudit(_context: RequestContext, id: string): void {
    this.queries.escalation(id);
  }
}

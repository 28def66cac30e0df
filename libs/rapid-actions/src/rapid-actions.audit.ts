import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { rapidActionStream } from './domain/rapid-action/rapid-action.events.js';
import { RapidActionStatusQueries } from './projections/rapid-action-status.queries.js';

/** A rapid action's history, for those who may see the action: NOT_FOUND to strangers of a confidential one. */
@AuditSourceProvider()
@Injectable()
export class RapidActionAuditSource implements AuditSource {
  readonly kind = 'rapid-action';

  constructor(private readonly queries: RapidActionStatusQueries) {}

  streamFor(id: string): string {
    return rapidActionStream(id);
  }

  assertCanAudit(context: RequestContext, id: string): void {
    this.queries.action(context, id);
  }
}

import { Injectable } from '@nestjs/common';
import { requireRole, type RequestContext } from '@app/core';
import { AuditSourceProvider, type AuditSource } from '@app/event-store';
import { responderStream } from './domain/responder/responder.events.js';
import { rotationStream } from './domain/rotation/rotation.events.js';
import { ScheduleQueries } from './projections/schedule.queries.js';

/** Rotations are visible to every reader, so is their history. */
@AuditSourceProvider()
@Injectable()
export class RotationAuditSource implements AuditSource {
  readonly kind = 'rotation';

  constructor(private readonly queries: ScheduleQueries) {}

  streamFor(id: string): string {
    return rotationStream(id);
  }

  assertCanAudit(_context: RequestContext, id: string): void {
    this.queries.rotation(id);
  }
}

/**
 * A responder's history holds why they were unavailable: it is for admins and managers, and for
 * the responder themself (asked before the responder is looked up).
 */
@AuditSourceProvider()
@Injectable()
export class ResponderAuditSource implements AuditSource {
  readonly kind = 'responder';

  constructor(private readonly queries: ScheduleQueries) {}

  streamFor(id: string): string {
    return responderStream(id);
  }

  assertCanAudit(context: RequestContext, id: string): void {
    if (context.actor !== id) requireRole(context, ['admin', 'manager'], "read someone else's history");
    this.queries.responder(id);
  }
}

import { DiscoveryService } from '@nestjs/core';
import type { RequestContext } from '@app/core';

/**
 * One kind of aggregate whose history the audit query can list (a rotation, an escalation, a
 * rapid action…). Each bounded context declares its own, with its own visibility rule.
 */
export interface AuditSource {
  /** The name clients ask for, e.g. "rotation". */
  readonly kind: string;
  streamFor(id: string): string;
  /** Throws (NOT_FOUND, FORBIDDEN) when the caller may not see this aggregate's history. */
  assertCanAudit(context: RequestContext, id: string): void;
}

export const AuditSourceProvider = DiscoveryService.createDecorator<void>();

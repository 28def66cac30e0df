import { ForbiddenError } from '../errors/app-error.js';
import type { RequestContext, Role } from '../request-context/request-context.js';

/** FORBIDDEN unless the caller has one of the roles (the system itself always may). */
export function requireRole(context: RequestContext, roles: readonly Role[], what: string): void {
  if (context.role === 'system' || roles.includes(context.role)) return;
  const article = /^[aeiou]/.test(context.role) ? 'An' : 'A';
  throw new ForbiddenError(`${article} ${context.role} may not ${what}`);
}

/** Everyone but integrations may read the dashboards. */
export const READER_ROLES: readonly Role[] = ['admin', 'manager', 'responder', 'viewer'];

import { randomUUID } from 'node:crypto';

/**
 * Who is asking, and under which correlation id. Every command carries one, and every event's
 * metadata is filled from it. Authentication (a later issue) only changes how `actor` is found.
 */
export interface RequestContext {
  actor: string;
  correlationId: string;
  /** The event that caused this command, for time-driven and reactive steps. */
  causationId?: string;
}

export const SYSTEM_ACTOR = 'system';

interface HeaderSource {
  headers: Record<string, string | string[] | undefined>;
}

const MAX_HEADER_LENGTH = 200;

function header(req: HeaderSource, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed && trimmed.length <= MAX_HEADER_LENGTH ? trimmed : undefined;
}

export function requestContextFromHeaders(req: HeaderSource): RequestContext {
  return {
    actor: header(req, 'x-actor') ?? 'anonymous',
    correlationId: header(req, 'x-correlation-id') ?? randomUUID(),
  };
}

export function systemContext(correlationId: string = randomUUID()): RequestContext {
  return { actor: SYSTEM_ACTOR, correlationId };
}

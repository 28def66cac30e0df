import type { EventMetadata } from './event-store.port.js';

/**
 * Why an event in the store is not one the service wrote. Real stores hold such events: other
 * services' streams, the server's own `$` streams (statistics, stream metadata, projections'
 * links, including events whose type has no `$`), an operator's fix-up. They are skipped and
 * counted, never handed to a projection or a decider.
 */
export const SKIP_REASONS = [
  'system-stream',
  'system-type',
  'unknown-type',
  'not-json',
  'no-metadata',
  'foreign-metadata',
] as const;

export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedEvent {
  id: string;
  streamId: string;
  type: string;
  position: bigint;
  reason: SkipReason;
}

/** What an adapter knows of a stored event before deciding it is the service's. */
export interface StoredEventShape {
  streamId: string;
  type: string;
  /** False for a binary (non-JSON) event. */
  isJson: boolean;
  /** The parsed data; undefined when it could not be parsed. */
  data: unknown;
  /** The parsed metadata; undefined when there is none or it could not be parsed. */
  metadata: unknown;
}

/**
 * The service's event types are PascalCase names (`ResponderRegistered`); anything else
 * (`order.placed`, `com.acme.Thing`, `<no-event-type-provided>`) was written by someone else.
 */
const SERVICE_EVENT_TYPE = /^[A-Z][A-Za-z0-9]*$/;

/** Undefined when the event is the service's own; otherwise why it is skipped. */
export function foreignEventReason(event: StoredEventShape): SkipReason | undefined {
  if (event.streamId.startsWith('$')) return 'system-stream';
  if (event.type.startsWith('$')) return 'system-type';
  if (!SERVICE_EVENT_TYPE.test(event.type)) return 'unknown-type';
  if (!event.isJson || !isJsonObject(event.data)) return 'not-json';
  if (event.metadata === undefined || event.metadata === null) return 'no-metadata';
  if (!isServiceMetadata(event.metadata)) return 'foreign-metadata';
  return undefined;
}

/** The metadata every event the service appends carries (see CommandRunner). */
export function isServiceMetadata(metadata: unknown): metadata is EventMetadata {
  if (!isJsonObject(metadata)) return false;
  const { actor, correlationId, causationId, occurredAt, schemaVersion } = metadata;
  return (
    typeof actor === 'string' &&
    typeof correlationId === 'string' &&
    (causationId === null || causationId === undefined || typeof causationId === 'string') &&
    typeof occurredAt === 'string' &&
    Number.isInteger(schemaVersion) &&
    (schemaVersion as number) >= 1
  );
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** JSON.parse that answers undefined instead of throwing. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

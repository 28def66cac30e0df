import { parse as parseUuid, v5 as uuidv5 } from 'uuid';

/** Namespace for the event ids of time-driven steps (a fixed, random uuid). */
const NAMESPACE = parseUuid('5d3c8f8e-6a57-4a4e-9d6e-0e9b1f4c2a71');

/**
 * The same parts always give the same uuid (v5). Time-driven steps give their events such ids,
 * so two instances, or a restart, recording the same step append it once: the store treats a
 * repeated event id at the same place as a no-op, and a later retry finds the step already done.
 */
export function deterministicId(...parts: string[]): string {
  // Bytes, not strings: uuid would parse the namespace and encode the name by hand on every call.
  return uuidv5(Buffer.from(parts.join('\u241f'), 'utf8'), NAMESPACE);
}

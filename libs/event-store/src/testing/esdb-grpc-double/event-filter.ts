import type { StoredEvent } from './event-log.js';
import type { ReadReq } from './generated-protocol.js';

export type EventFilter = (event: StoredEvent) => boolean;

/** The server's default search window (Enumerator.ReadBatchSize). */
const DEFAULT_MAX_SEARCH_WINDOW = 32;

export interface SubscriptionFilter {
  include: EventFilter;
  /**
   * Events considered between two checkpoints of a filtered subscription: the checkpoint interval
   * multiplier times the search window. Undefined without a filter: no checkpoints are sent.
   */
  checkpointInterval: number | undefined;
}

/**
 * The server-side filter of a $all read or subscription: a regex or a list of prefixes, on the
 * event type or the stream name (the client's `excludeSystemEvents()` is the regex `^[^$].*` on
 * the event type).
 */
export function eventFilterOf(options: ReadReq.Options): EventFilter {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onEventType = filter.hasEventType();
  const expression = onEventType ? filter.getEventType() : filter.getStreamIdentifier();
  if (!expression) return () => true;
  const subject = (event: StoredEvent) => (onEventType ? event.type : event.streamId);
  const regex = expression.getRegex();
  if (regex) {
    const pattern = new RegExp(regex);
    return (event) => pattern.test(subject(event));
  }
  const prefixes = expression.getPrefixList();
  return (event) => prefixes.some((prefix) => subject(event).startsWith(prefix));
}

export function subscriptionFilterOf(options: ReadReq.Options): SubscriptionFilter {
  const filter = options.getFilter();
  if (!filter) return { include: () => true, checkpointInterval: undefined };
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  return { include: eventFilterOf(options), checkpointInterval: multiplier * window };
}

import type { StoredEvent } from './event-log.js';
import type { ReadReq } from './generated-protocol.js';

export type EventFilter = (event: StoredEvent) => boolean;

/**
 * The server-side filter of a $all read or subscription: a regex or a list of prefixes, on the
 * event type or the stream name (the client's `excludeSystemEvents()` is the regex `^[^$].*` on
 * the event type). The search window and checkpoint options are accepted and ignored: the double
 * sends no checkpoints.
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

const FEED_PATH = /^\/calendar\/[^/?#]*/;

/** For the request log: a feed's token is a credential (calendar apps send no other), so its path is logged without it. */
export function redactCalendarFeedToken<T extends { url?: string; params?: Record<string, unknown> }>(req: T): T {
  if (!req.url || !FEED_PATH.test(req.url)) return req;
  return { ...req, url: req.url.replace(FEED_PATH, '/calendar/[REDACTED]'), params: {} };
}

/** A stretch on call, as the schedule reports it (never clipped to the range asked for). */
export interface OnCallStretch {
  responderId: string;
  start: number;
  end: number;
}

export interface DetectedBoundary {
  at: number;
  /** Who goes off call at that instant (and is not on call right after it). */
  outgoing: string[];
}

/**
 * The first instant in (after, before) at which someone's stretch on call ends without them
 * staying on call: a shift boundary. A stretch that ends where the same responder's next one
 * begins is no boundary; nobody leaves.
 */
export function firstBoundary(stretches: OnCallStretch[], after: number, before: number): DetectedBoundary | undefined {
  const ends = [...new Set(stretches.map((s) => s.end))]
    .filter((end) => after < end && end < before)
    .sort((a, b) => a - b);
  for (const at of ends) {
    const stays = new Set(stretches.filter((s) => s.start <= at && at < s.end).map((s) => s.responderId));
    const outgoing = [...new Set(stretches.filter((s) => s.end === at).map((s) => s.responderId))].filter(
      (id) => !stays.has(id),
    );
    if (outgoing.length > 0) return { at, outgoing };
  }
  return undefined;
}

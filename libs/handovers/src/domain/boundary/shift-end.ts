import type { OnCallStretch } from './shift-boundaries.js';

/** A draft handover summary may be written during this last part of a shift. */
export const DRAFT_WINDOW_MINUTES = 60;

/**
 * When the responder's time on call that includes `now` ends: the end of their stretch, carried
 * over every stretch of theirs that starts where the previous one ends (they stay on call, so no
 * boundary). Undefined when they are not on call at `now`.
 */
export function endOfStretch(stretches: OnCallStretch[], responderId: string, now: number): number | undefined {
  const own = stretches.filter((s) => s.responderId === responderId).sort((a, b) => a.start - b.start);
  const current = own.find((s) => s.start <= now && now < s.end);
  if (!current) return undefined;
  let end = current.end;
  for (const stretch of own) {
    if (stretch.start <= end && stretch.end > end) end = stretch.end;
  }
  return end;
}

/** The instant drafting opens for a shift ending at `shiftEndsAt`. */
export function draftingOpensAt(shiftEndsAt: number): number {
  return shiftEndsAt - DRAFT_WINDOW_MINUTES * 60_000;
}

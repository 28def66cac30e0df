import type { WorkingHoursWarning } from '../domain/schedule/working-hours-warnings.js';

/** What a correction answers: the id of what it changed, and whom it now puts on call off hours. */
export interface CorrectionOutcome {
  id: string;
  warnings: WorkingHoursWarning[];
}

/** The earliest instant the recorded events take effect at (membership `from`, a change's `effectiveAt`). */
export function earliestEffect(events: Array<{ data: unknown }>): number | undefined {
  const instants = events
    .map((event) => event.data as { from?: string; effectiveAt?: string })
    .map((data) => data.effectiveAt ?? data.from)
    .filter((value): value is string => value !== undefined)
    .map((value) => Date.parse(value));
  return instants.length > 0 ? Math.min(...instants) : undefined;
}

export interface AcknowledgementStats {
  escalations: number;
  acknowledged: number;
  acknowledgedWithinSlo: number;
  /** Of all escalations (an unacknowledged one is outside the SLO); null when there are none. */
  withinSloShare: number | null;
  /** Over the acknowledged ones; null when none was acknowledged. */
  medianSecondsToAcknowledge: number | null;
  p90SecondsToAcknowledge: number | null;
}

/**
 * Median (the mean of the two middle values for an even count) and 90th percentile (nearest
 * rank: the smallest value with at least 90% of the values at or below it) of the times to
 * acknowledge, and the share acknowledged within each escalation's SLO.
 */
export function acknowledgementStats(
  rows: Array<{ secondsToAcknowledge: number | null; ackSloSeconds: number }>,
): AcknowledgementStats {
  const times = rows
    .map((r) => r.secondsToAcknowledge)
    .filter((s): s is number => s !== null)
    .sort((a, b) => a - b);
  const within = rows.filter(
    (r) => r.secondsToAcknowledge !== null && r.secondsToAcknowledge <= r.ackSloSeconds,
  ).length;
  const middle = Math.floor(times.length / 2);
  return {
    escalations: rows.length,
    acknowledged: times.length,
    acknowledgedWithinSlo: within,
    withinSloShare: rows.length ? round(within / rows.length, 4) : null,
    medianSecondsToAcknowledge: times.length
      ? times.length % 2
        ? times[middle]
        : round((times[middle - 1] + times[middle]) / 2, 1)
      : null,
    p90SecondsToAcknowledge: times.length ? times[Math.ceil(0.9 * times.length) - 1] : null,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

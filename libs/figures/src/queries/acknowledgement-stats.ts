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
  const times = new Float64Array(rows.length);
  let acknowledged = 0;
  let within = 0;
  for (const row of rows) {
    if (row.secondsToAcknowledge === null) continue;
    times[acknowledged++] = row.secondsToAcknowledge;
    if (row.secondsToAcknowledge <= row.ackSloSeconds) within++;
  }
  const sorted = times.subarray(0, acknowledged).sort();
  const middle = Math.floor(acknowledged / 2);
  return {
    escalations: rows.length,
    acknowledged,
    acknowledgedWithinSlo: within,
    withinSloShare: rows.length ? round(within / rows.length, 4) : null,
    medianSecondsToAcknowledge: acknowledged
      ? acknowledged % 2
        ? sorted[middle]
        : round((sorted[middle - 1] + sorted[middle]) / 2, 1)
      : null,
    p90SecondsToAcknowledge: acknowledged ? sorted[Math.ceil(0.9 * acknowledged) - 1] : null,
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

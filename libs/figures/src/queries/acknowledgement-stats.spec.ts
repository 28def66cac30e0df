import { acknowledgementStats } from './acknowledgement-stats.js';

const row = (secondsToAcknowledge: number | null, ackSloSeconds = 900) => ({ secondsToAcknowledge, ackSloSeconds });

describe('acknowledgement statistics', () => {
  it('takes the median, the 90th percentile by nearest rank, and the share within the SLO', () => {
    const rows = [60, 120, 180, 240, 300, 360, 420, 480, 540, 1200].map((s) => row(s));
    expect(acknowledgementStats(rows)).toEqual({
      escalations: 10,
      acknowledged: 10,
      acknowledgedWithinSlo: 9,
      withinSloShare: 0.9,
      medianSecondsToAcknowledge: 330,
      p90SecondsToAcknowledge: 540,
    });
  });

  it('counts an unacknowledged escalation as outside the SLO, and leaves it out of the times', () => {
    expect(acknowledgementStats([row(100), row(null), row(1000, 1800)])).toEqual({
      escalations: 3,
      acknowledged: 2,
      acknowledgedWithinSlo: 2,
      withinSloShare: 0.6667,
      medianSecondsToAcknowledge: 550,
      p90SecondsToAcknowledge: 1000,
    });
    expect(acknowledgementStats([])).toMatchObject({ withinSloShare: null, medianSecondsToAcknowledge: null });
  });
});

import { nextAttemptAt } from './retry-backoff.js';

describe('nextAttemptAt', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 10_000, maxDelayMs: 60_000 };
  const at = new Date('2026-07-15T12:00:00Z');
  const delay = (key: string, attempt: number) => nextAttemptAt(policy, key, attempt, at)!.getTime() - at.getTime();

  it('doubles the delay per attempt, within half and all of it, up to the cap, then stops', () => {
    for (const key of ['a', 'b', 'c', 'd']) {
      const delays = [1, 2, 3, 4].map((n) => delay(key, n));
      const bounds = [10_000, 20_000, 40_000, 60_000];
      delays.forEach((d, i) => {
        expect(d).toBeGreaterThanOrEqual(bounds[i] / 2);
        expect(d).toBeLessThanOrEqual(bounds[i]);
      });
      expect(nextAttemptAt(policy, key, 5, at)).toBeUndefined();
    }
  });

  it('spreads deliveries apart, and gives every instance the same instant for one delivery', () => {
    const spread = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => delay(key, 3)));
    expect(spread.size).toBeGreaterThan(3);
    expect(delay('a', 3)).toBe(delay('a', 3));
  });
});

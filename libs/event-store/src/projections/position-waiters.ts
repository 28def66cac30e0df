interface Waiter {
  position: bigint;
  resolve: () => void;
}

/** Callers of `ProjectionRunner.waitFor` until the projections reach their position (or their timeout passes). */
export class PositionWaiters {
  private waiters: Waiter[] = [];

  constructor(private readonly onTimeout: (position: bigint, timeoutMs: number) => void) {}

  wait(position: bigint, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.onTimeout(position, timeoutMs);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves the waiters whose position is reached now, in the order they came. */
  release(reached: (position: bigint) => boolean): void {
    if (this.waiters.length === 0) return;
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (reached(waiter.position)) waiter.resolve();
      else pending.push(waiter);
    }
    this.waiters = pending;
  }

  releaseAll(): void {
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }
}

/** Callers of `ProjectionRunner.whenCaughtUp`, released together. */
export class CaughtUpWaiters {
  private waiting: Array<() => void> = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  releaseAll(): void {
    for (const resolve of this.waiting) resolve();
    this.waiting = [];
  }
}

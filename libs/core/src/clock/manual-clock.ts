import type { Clock } from './clock.js';

/** A clock that only moves when told to; tests and scenario scripts drive it. */
export class ManualClock implements Clock {
  private current: number;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
    for (const listener of this.listeners) listener(this.now());
  }

  advance(milliseconds: number): void {
    this.set(new Date(this.current + milliseconds));
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }

  /** Called after every move; returns an unsubscribe function. */
  onChange(listener: (now: Date) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

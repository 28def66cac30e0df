import { AsyncLocalStorage } from 'node:async_hooks';
import { RequestTimeoutError } from '../errors/app-error.js';

/** How long one GraphQL request may run, unless configured otherwise. */
export const DEFAULT_REQUEST_BUDGET_MS = 5_000;

/** The instant (epoch ms, process clock) after which the current request is ended. */
export class RequestDeadline {
  constructor(
    readonly budgetMs: number,
    readonly endsAt = Date.now() + budgetMs,
  ) {}

  get expired(): boolean {
    return Date.now() > this.endsAt;
  }

  check(): void {
    if (this.expired) {
      throw new RequestTimeoutError(`the request ran longer than its budget of ${this.budgetMs} ms and was ended`, {
        budgetMs: this.budgetMs,
      });
    }
  }
}

const current = new AsyncLocalStorage<RequestDeadline>();

/**
 * Runs `work` (and whatever it awaits) under a deadline, which `checkRequestBudget` then enforces.
 * Nested resolvers usually run under their request's deadline already: they enter no new context.
 */
export function withinRequestBudget<T>(deadline: RequestDeadline, work: () => T): T {
  if (current.getStore() === deadline) return work();
  return current.run(deadline, work);
}

/**
 * Puts the rest of the current synchronous run, and whatever it awaits, under a deadline. A
 * GraphQL request's resolvers run one after another in one such run, so the first enters it and
 * the others find it there: far cheaper than one `run` per resolver (each copies the context).
 */
export function enterRequestBudget(deadline: RequestDeadline): void {
  if (current.getStore() !== deadline) current.enterWith(deadline);
}

/**
 * Ends the current request with REQUEST_TIMEOUT when it is past its deadline. Long loops (time
 * walks) call it as they go; outside a request (background steps, unit tests) it does nothing.
 */
export function checkRequestBudget(): void {
  current.getStore()?.check();
}

/**
 * What goes wrong after the double has committed an append (fault injection), so that the
 * client cannot tell whether its write was stored:
 * - `unavailable`: the connection drops before the answer (the client sees UNAVAILABLE);
 * - `timeout`: the server answers its own commit timeout (Append: ABORTED "Operation timed out",
 *   BatchAppend: a DEADLINE_EXCEEDED status with a Timeout detail);
 * - `no-answer`: no answer at all: Append waits for the client's deadline, BatchAppend answers
 *   Timeout once the deadline the client sent has passed, as the server does.
 */
export type AppendFault = 'unavailable' | 'timeout' | 'no-answer';

/** Faults waiting for the next successful appends, one per append, in order. */
export class AppendFaults {
  private readonly pending: AppendFault[] = [];

  inject(fault: AppendFault, times = 1): void {
    for (let i = 0; i < times; i++) this.pending.push(fault);
  }

  /** The fault for an append that has just been committed, if one is waiting. */
  next(): AppendFault | undefined {
    return this.pending.shift();
  }

  clear(): void {
    this.pending.length = 0;
  }
}

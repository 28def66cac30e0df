/**
 * The decider shape (as in Emmett): state is a left fold of past events, and a pure `decide`
 * turns a command and the current state into new events, or throws a typed domain error.
 */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
  /** Set only when the id must be deterministic (time-driven steps); otherwise a random uuid. */
  id?: string;
  /** Version of `data`'s shape for this type; 1 unless the shape has changed. */
  schemaVersion?: number;
}

export interface Decider<Command, State, Event extends DomainEvent> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[];
  /**
   * True for a long-lived stream (a rotation with years of overrides) whose state the command
   * runner may keep between commands, so that each command reads only the events after it.
   * Only for a decider whose `evolve` and `decide` never change a state in place.
   */
  keepsState?: boolean;
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

import { fold, type Decider, type DomainEvent } from '../decider/decider.js';

/**
 * Given/when/then tests for a decider, after Emmett's DeciderSpecification:
 *
 *   spec.given([registered]).when(command).then([expectedEvent])
 *   spec.given([]).when(command).thenThrows(NotFoundError)
 */
export function deciderSpecification<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
) {
  return {
    given(events: Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, events));
          return {
            then(expected: Array<Omit<Event, 'id'> & { id?: string }>) {
              expect(run()).toEqual(expected);
            },
            thenThrows(errorType: new (...args: any[]) => Error, check?: (error: any) => void) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(errorType);
              check?.(thrown);
            },
            /** For events carrying generated values: inspect them instead of comparing exactly. */
            thenMatches(check: (events: Event[]) => void) {
              check(run());
            },
          };
        },
      };
    },
  };
}

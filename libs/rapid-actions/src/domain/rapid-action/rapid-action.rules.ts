import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { SubDriScope } from './rapid-action.events.js';
import type { ExitCriterion, RapidAction, RapidActionState } from './rapid-action.state.js';

export function updateKey(date: string, scope: SubDriScope | null): string {
  return scope ? `${date}|${scope.kind}:${scope.description.trim().toLowerCase()}` : `${date}|whole`;
}

export function existing(state: RapidActionState, rapidActionId: string): RapidAction {
  if (!state) throw new NotFoundError('Rapid action', rapidActionId);
  return state;
}

export function open(state: RapidActionState, rapidActionId: string, what: string): RapidAction {
  const action = existing(state, rapidActionId);
  if (action.state === 'resolved') {
    throw new ConflictError(`Rapid action "${action.title}" is resolved: it takes no more ${what}`, {
      rapidActionId,
    });
  }
  return action;
}

export function resolved(state: RapidActionState, rapidActionId: string, what: string): RapidAction {
  const action = existing(state, rapidActionId);
  if (action.state !== 'resolved') {
    throw new ConflictError(`${what} once the rapid action is resolved`, { rapidActionId });
  }
  return action;
}

export function criterion(action: RapidAction, criterionId: string): ExitCriterion {
  const found = action.exitCriteria.find((c) => c.criterionId === criterionId);
  if (!found) throw new NotFoundError('Exit criterion', criterionId);
  return found;
}

export function nonBlank(field: string, value: string, message: string): void {
  if (!value.trim()) throw new BadUserInputError(field, message);
}

export const sameScope = (a: SubDriScope, b: SubDriScope) =>
  a.kind === b.kind && a.description.trim().toLowerCase() === b.description.trim().toLowerCase();

import { BadUserInputError, ConflictError, isIanaTimeZone } from '@app/core/pure';
import { normaliseUniqueKey } from '@app/event-store/pure';
import type { ClockWindow } from '../schedule/schedule.types.js';
import type { Responder } from './responder.decider.js';
import type { ResponderCorrection, ResponderDeactivatedData, ResponderEvent } from './responder.events.js';

export interface UpdateResponder {
  type: 'UpdateResponder';
  responderId: string;
  changes: ResponderCorrection;
}

export interface DeactivateResponder extends ResponderDeactivatedData {
  type: 'DeactivateResponder';
  /** When the command is decided: the date must not be in the past. */
  now: string;
}

/** Only the fields that differ are recorded; a correction that changes nothing appends nothing. */
export function decideUpdate(command: UpdateResponder, responder: Responder): ResponderEvent[] {
  assertActive(responder);
  const { changes } = command;
  if (changes.timeZone !== undefined && !isIanaTimeZone(changes.timeZone)) {
    throw new BadUserInputError('timeZone', `timeZone ${changes.timeZone} is not an IANA time zone`);
  }
  const changed: ResponderCorrection = {};
  if (changes.name !== undefined && changes.name !== responder.name) changed.name = changes.name;
  if (changes.handle !== undefined && changes.handle !== responder.handle) changed.handle = changes.handle;
  if (changes.timeZone !== undefined && changes.timeZone !== responder.timeZone) changed.timeZone = changes.timeZone;
  if (changes.team !== undefined && changes.team !== responder.team) changed.team = changes.team;
  if (changes.role !== undefined && changes.role !== responder.role) changed.role = changes.role;
  if (changes.workingHours !== undefined && !sameWindows(changes.workingHours, responder.workingHours)) {
    changed.workingHours = changes.workingHours;
  }
  if (Object.keys(changed).length === 0) return [];
  return [{ type: 'ResponderUpdated', data: { responderId: command.responderId, changes: changed } }];
}

/** A second deactivation answers like the first and appends nothing. */
export function decideDeactivate(command: DeactivateResponder, responder: Responder): ResponderEvent[] {
  if (responder.deactivatedAt !== undefined) return [];
  if (Date.parse(command.effectiveAt) + 86_400_000 <= Date.parse(command.now)) {
    throw new BadUserInputError('fromDate', 'a responder cannot be deactivated from a date already past');
  }
  const { type: _, now: __, ...data } = command;
  return [{ type: 'ResponderDeactivated', data }];
}

export function assertActive(responder: Responder): void {
  if (responder.deactivatedAt !== undefined) {
    throw new ConflictError(`Responder ${responder.responderId} is deactivated`);
  }
}

/** Whether a handle change moves the responder to another unique key (`ana` → `ANA` does not). */
export function handleKeyChanges(before: string, after: string | undefined): boolean {
  return after !== undefined && normaliseUniqueKey(after) !== normaliseUniqueKey(before);
}

function sameWindows(a: ClockWindow[], b: ClockWindow[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

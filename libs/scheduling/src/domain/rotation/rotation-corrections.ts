import { BadUserInputError, ConflictError, isIanaTimeZone } from '@app/core/pure';
import { isActive } from '../schedule/shift-assignment.js';
import type { ShiftPattern } from '../schedule/schedule.types.js';
import { assertValidPattern } from './rotation-definition.rules.js';
import type { Rotation } from './rotation.decider.js';
import type { RotationEvent, RotationLabels } from './rotation.events.js';
import { effectiveHandoff, type EffectiveFrom } from './effective-handoff.js';

interface Timed {
  rotationId: string;
  /** When the command is decided (ISO): changes take effect at a handoff after it. */
  now: string;
}

export type UpdateRotation = Timed & {
  type: 'UpdateRotation';
  changes: RotationLabels;
  /** A new zone for the handoffs, from the first handoff on a local date (both are needed). */
  timeZone?: { timeZone?: string; fromDate?: string };
};
export type ChangeShiftPattern = Timed & { type: 'ChangeShiftPattern'; pattern: ShiftPattern; from: EffectiveFrom };
export type ReorderParticipants = Timed & { type: 'ReorderParticipants'; order: string[]; from: EffectiveFrom };
export type ArchiveRotation = Timed & { type: 'ArchiveRotation'; reason?: string };

export type RotationCorrection = UpdateRotation | ChangeShiftPattern | ReorderParticipants | ArchiveRotation;

export function assertNotArchived(rotation: Rotation): void {
  if (rotation.archivedAt !== undefined) throw new ConflictError(`Rotation ${rotation.rotationId} is archived`);
}

/** Name and team change at once; a zone from the first handoff on its date. Unchanged fields record nothing. */
export function decideUpdateRotation(command: UpdateRotation, rotation: Rotation): RotationEvent[] {
  assertNotArchived(rotation);
  const changes: RotationLabels = {};
  if (command.changes.name !== undefined && command.changes.name !== rotation.name) changes.name = command.changes.name;
  if (command.changes.team !== undefined && command.changes.team !== rotation.team) changes.team = command.changes.team;
  const events: RotationEvent[] = [];
  if (Object.keys(changes).length > 0)
    events.push({ type: 'RotationUpdated', data: { rotationId: command.rotationId, changes } });
  if (command.timeZone) events.push(...decideTimeZoneChange(command, command.timeZone, rotation));
  return events;
}

/** From the first handoff on the date (read in the zone in force then), handoffs are read in the new zone. */
function decideTimeZoneChange(
  command: UpdateRotation,
  change: { timeZone?: string; fromDate?: string },
  rotation: Rotation,
): RotationEvent[] {
  if (change.fromDate === undefined) {
    throw new BadUserInputError('timeZoneFromDate', 'a new timeZone takes effect from timeZoneFromDate: give both');
  }
  if (change.timeZone === undefined) throw new BadUserInputError('timeZone', 'timeZoneFromDate needs a timeZone');
  if (!isIanaTimeZone(change.timeZone)) {
    throw new BadUserInputError('timeZone', `timeZone ${change.timeZone} is not an IANA time zone`);
  }
  const effectiveAt = futureHandoff(rotation, { fromDate: change.fromDate }, command.now, 'timeZoneFromDate');
  if (zoneAt(rotation, effectiveAt) === change.timeZone) return [];
  const pattern = patternAt(rotation, effectiveAt);
  return [
    {
      type: 'RotationTimeZoneChanged',
      data: { rotationId: command.rotationId, effectiveAt: iso(effectiveAt), pattern, timeZone: change.timeZone },
    },
  ];
}

/** Shifts before the chosen handoff stay exactly as they were; from it on, the new pattern holds. */
export function decidePatternChange(command: ChangeShiftPattern, rotation: Rotation): RotationEvent[] {
  assertNotArchived(rotation);
  assertValidPattern(command.pattern);
  const field = command.from.fromShiftStart !== undefined ? 'fromShiftStart' : 'fromDate';
  const effectiveAt = futureHandoff(rotation, command.from, command.now, field);
  const participants = rotation.participants.filter((m) => isActive(m, effectiveAt)).length;
  if (command.pattern.respondersPerShift > participants) {
    throw new BadUserInputError(
      'pattern.respondersPerShift',
      `respondersPerShift (${command.pattern.respondersPerShift}) must not exceed the ${participants} participants`,
    );
  }
  const timeZone = zoneAt(rotation, effectiveAt);
  return [
    {
      type: 'ShiftPatternChanged',
      data: { rotationId: command.rotationId, effectiveAt: iso(effectiveAt), pattern: command.pattern, timeZone },
    },
  ];
}

/** The order names every participant taking part then, once each. */
export function decideReorder(command: ReorderParticipants, rotation: Rotation): RotationEvent[] {
  assertNotArchived(rotation);
  const effectiveAt = effectiveHandoff(rotation, command.from, Date.parse(command.now));
  const taking = rotation.participants
    .filter((m) => m.until === undefined || Date.parse(m.until) > effectiveAt)
    .map((m) => m.responderId);
  const expected = new Set(taking);
  if (
    new Set(command.order).size !== command.order.length ||
    command.order.length !== expected.size ||
    !command.order.every((id) => expected.has(id))
  ) {
    throw new BadUserInputError('participantIds', 'the order must name each participant of the rotation once');
  }
  return [
    {
      type: 'RotationParticipantsReordered',
      data: { rotationId: command.rotationId, effectiveAt: iso(effectiveAt), order: command.order },
    },
  ];
}

/** A second archiving answers like the first and appends nothing. */
export function decideArchive(command: ArchiveRotation, rotation: Rotation): RotationEvent[] {
  if (rotation.archivedAt !== undefined) return [];
  const reason = command.reason !== undefined ? { reason: command.reason } : {};
  return [{ type: 'RotationArchived', data: { rotationId: command.rotationId, archivedAt: command.now, ...reason } }];
}

/** A schedule change takes effect at a handoff still to come, after any change already planned. */
function futureHandoff(rotation: Rotation, from: EffectiveFrom, now: string, field: string): number {
  if (from.fromDate === undefined && from.fromShiftStart === undefined) {
    throw new BadUserInputError(field, 'name the handoff the change takes effect at (fromDate or fromShiftStart)');
  }
  const effectiveAt = effectiveHandoff(rotation, from, Date.parse(now));
  if (effectiveAt <= Date.parse(now))
    throw new BadUserInputError(field, 'the change must take effect at a future handoff');
  const last = rotation.scheduleChanges?.at(-1);
  if (last && effectiveAt <= Date.parse(last.effectiveAt)) {
    throw new BadUserInputError(field, `a change is already planned from ${last.effectiveAt}: take effect after it`);
  }
  return effectiveAt;
}

function patternAt(rotation: Rotation, at: number): ShiftPattern {
  return rotation.scheduleChanges?.filter((c) => Date.parse(c.effectiveAt) <= at).at(-1)?.pattern ?? rotation.pattern;
}

/** The zone a rotation's handoffs are read in at an instant (its zone changes included). */
export function zoneAt(rotation: Pick<Rotation, 'timeZone' | 'scheduleChanges'>, at: number): string {
  return rotation.scheduleChanges?.filter((c) => Date.parse(c.effectiveAt) <= at).at(-1)?.timeZone ?? rotation.timeZone;
}

const iso = (ms: number) => new Date(ms).toISOString();

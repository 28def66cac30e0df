import { BadUserInputError, ConflictError, MAX_RANGE_DAYS, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import { assignShift, ineligibility, type AvailabilityLookup } from '../schedule/shift-assignment.js';
import { ShiftCalendar } from '../schedule/shift-calendar.js';
import { slotHolder } from '../schedule/slot-holder.js';
import type {
  AssignedSlot,
  Membership,
  Override,
  ResponderAvailability,
  RotationSchedule,
  Swap,
} from '../schedule/schedule.types.js';
import type { RotationCreatedData, RotationEvent } from './rotation.events.js';
import { assertValidDefinition } from './rotation-definition.rules.js';
import { effectiveHandoff, type EffectiveFrom } from './effective-handoff.js';
import {
  assertNotArchived,
  decideArchive,
  decidePatternChange,
  decideReorder,
  decideUpdateRotation,
  type RotationCorrection,
} from './rotation-corrections.js';

export interface Rotation extends Omit<RotationCreatedData, 'participants' | 'shadows'>, RotationSchedule {}

export type RotationState = Rotation | null;

type Availability = Record<string, ResponderAvailability>;

export type RotationCommand =
  | ({ type: 'CreateRotation'; participantIds: string[]; shadowIds: string[] } & Omit<
      RotationCreatedData,
      'participants' | 'shadows'
    >)
  | ({
      type: 'AddParticipant' | 'RemoveParticipant' | 'AddShadow' | 'RemoveShadow';
      rotationId: string;
      responderId: string;
      /** The instant named, or now; a local date or a shift start, when named, decides instead. */
      from: string;
    } & EffectiveFrom)
  | RotationCorrection
  | { type: 'ScheduleOverride'; rotationId: string; override: Override; availability: Availability }
  | { type: 'CancelOverride'; rotationId: string; overrideId: string; cancelledBy: string }
  | {
      type: 'SwapShifts';
      rotationId: string;
      swap: Swap;
      availability: Availability;
      /** The rotation's filled weekend slots (from the slot rounds): a side may name one. */
      slots?: AssignedSlot[];
    };

function existing(state: RotationState, rotationId: string): Rotation {
  if (!state) throw new NotFoundError('Rotation', rotationId);
  return state;
}

const openMembership = (list: Membership[], responderId: string) =>
  list.find((m) => m.responderId === responderId && m.until === undefined);

function lookup(availability: Availability): AvailabilityLookup {
  return (id) => availability[id];
}

export const rotationDecider: Decider<RotationCommand, RotationState, RotationEvent> = {
  initialState: () => null,
  // Years of overrides and swaps: each command folds only what came after the state kept.
  keepsState: true,

  decide(command, state) {
    switch (command.type) {
      case 'CreateRotation': {
        if (state) throw new ConflictError(`Rotation ${command.rotationId} already exists`);
        const { type: _, participantIds, shadowIds, ...definition } = command;
        assertValidDefinition(definition, participantIds);
        return [
          {
            type: 'RotationCreated',
            data: {
              ...definition,
              participants: participantIds.map((responderId) => ({ responderId })),
              shadows: shadowIds.map((responderId) => ({ responderId })),
            },
          },
        ];
      }
      case 'AddParticipant':
      case 'AddShadow': {
        const rotation = existing(state, command.rotationId);
        assertNotArchived(rotation);
        const list = command.type === 'AddParticipant' ? rotation.participants : rotation.shadows;
        if (openMembership(list, command.responderId)) {
          throw new ConflictError(`Responder ${command.responderId} already takes part in this rotation`);
        }
        const data = membershipChange(rotation, command);
        return [{ type: command.type === 'AddParticipant' ? 'RotationParticipantAdded' : 'RotationShadowAdded', data }];
      }
      case 'RemoveParticipant':
      case 'RemoveShadow': {
        const rotation = existing(state, command.rotationId);
        assertNotArchived(rotation);
        const data = membershipChange(rotation, command);
        const list = command.type === 'RemoveParticipant' ? rotation.participants : rotation.shadows;
        const membership = openMembership(list, command.responderId);
        if (!membership) throw new NotFoundError('Rotation member', command.responderId);
        if (membership.from && Date.parse(data.from) < Date.parse(membership.from)) {
          throw new BadUserInputError('from', 'a responder cannot leave before they join');
        }
        if (command.type === 'RemoveParticipant') {
          const remaining = rotation.participants.filter(
            (m) => m !== membership && (m.until === undefined || Date.parse(m.until) > Date.parse(data.from)),
          );
          if (remaining.length === 0)
            throw new BadUserInputError('responderId', 'a rotation needs at least one participant');
        }
        return [
          { type: command.type === 'RemoveParticipant' ? 'RotationParticipantRemoved' : 'RotationShadowRemoved', data },
        ];
      }
      case 'ScheduleOverride': {
        assertNotArchived(existing(state, command.rotationId));
        const { override } = command;
        const [start, end] = [Date.parse(override.start), Date.parse(override.end)];
        if (end <= start) throw new BadUserInputError('end', 'end must be after start');
        if (end - start > MAX_RANGE_DAYS * 86_400_000) {
          throw new BadUserInputError('end', `an override may span at most ${MAX_RANGE_DAYS} days`);
        }
        const why = ineligibility(command.availability[override.responderId], start, end);
        if (why)
          throw new BadUserInputError(
            'responderId',
            `the covering responder is ${why === 'RESTRICTED' ? 'restricted from on-call' : 'unavailable'} during that span`,
          );
        return [{ type: 'OverrideScheduled', data: { rotationId: command.rotationId, ...override } }];
      }
      case 'CancelOverride': {
        const rotation = existing(state, command.rotationId);
        if (!rotation.overrides.some((o) => o.overrideId === command.overrideId)) {
          throw new NotFoundError('Override', command.overrideId);
        }
        const { type: _, ...data } = command;
        return [{ type: 'OverrideCancelled', data }];
      }
      case 'SwapShifts': {
        const rotation = existing(state, command.rotationId);
        assertNotArchived(rotation);
        assertSwappable(rotation, command.swap, lookup(command.availability), command.slots ?? []);
        return [{ type: 'ShiftsSwapped', data: { rotationId: command.rotationId, ...command.swap } }];
      }
      case 'UpdateRotation':
        return decideUpdateRotation(command, existing(state, command.rotationId));
      case 'ChangeShiftPattern':
        return decidePatternChange(command, existing(state, command.rotationId));
      case 'ReorderParticipants':
        return decideReorder(command, existing(state, command.rotationId));
      case 'ArchiveRotation':
        return decideArchive(command, existing(state, command.rotationId));
      default: {
        const unknown: never = command;
        throw new Error(`Unknown rotation command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'RotationCreated') {
      const { participants, shadows, ...definition } = event.data;
      return { ...definition, participants, shadows, overrides: [], swaps: [] };
    }
    if (!state) return state;
    switch (event.type) {
      case 'RotationParticipantAdded':
        return {
          ...state,
          participants: [...state.participants, { responderId: event.data.responderId, from: event.data.from }],
        };
      case 'RotationShadowAdded':
        return {
          ...state,
          shadows: [...state.shadows, { responderId: event.data.responderId, from: event.data.from }],
        };
      case 'RotationParticipantRemoved':
        return { ...state, participants: closeMembership(state.participants, event.data.responderId, event.data.from) };
      case 'RotationShadowRemoved':
        return { ...state, shadows: closeMembership(state.shadows, event.data.responderId, event.data.from) };
      case 'OverrideScheduled': {
        const { rotationId: _, ...override } = event.data;
        return { ...state, overrides: [...state.overrides, override] };
      }
      case 'OverrideCancelled':
        return { ...state, overrides: state.overrides.filter((o) => o.overrideId !== event.data.overrideId) };
      case 'ShiftsSwapped': {
        const { rotationId: _, ...swap } = event.data;
        return { ...state, swaps: [...state.swaps, swap] };
      }
      case 'RotationUpdated':
        return { ...state, ...event.data.changes };
      case 'RotationTimeZoneChanged':
      case 'ShiftPatternChanged': {
        const { rotationId: _, ...change } = event.data;
        return { ...state, scheduleChanges: [...(state.scheduleChanges ?? []), change] };
      }
      case 'RotationParticipantsReordered': {
        const { rotationId: _, ...order } = event.data;
        return { ...state, turnOrders: [...(state.turnOrders ?? []), order] };
      }
      case 'RotationArchived':
        return { ...state, archivedAt: event.data.archivedAt };
    }
  },
};

/** The instant a membership change takes effect: a named local date or shift start, else the instant given. */
function membershipChange(
  rotation: Rotation,
  command: { rotationId: string; responderId: string; from: string } & EffectiveFrom,
) {
  const named = command.fromDate !== undefined || command.fromShiftStart !== undefined;
  const from = named
    ? new Date(effectiveHandoff(rotation, command, Date.parse(command.from))).toISOString()
    : command.from;
  return { rotationId: command.rotationId, responderId: command.responderId, from };
}

function closeMembership(list: Membership[], responderId: string, until: string): Membership[] {
  return list.map((m) => (m.responderId === responderId && m.until === undefined ? { ...m, until } : m));
}

interface SwapUnit {
  key: string;
  start: number;
  end: number;
}

/**
 * Each side names a shift start and its holder: a filled weekend slot starting then and held by
 * that responder, or else a turn of the rotation.
 */
function assertSwappable(
  rotation: Rotation,
  swap: Swap,
  availability: AvailabilityLookup,
  slots: AssignedSlot[],
): void {
  const calendar = new ShiftCalendar(rotation);
  const sides = [
    ['first', swap.first],
    ['second', swap.second],
  ] as const;
  const units = sides.map(([field, side]): SwapUnit => {
    const start = Date.parse(side.shiftStart);
    const slotsThen = slots.filter((s) => Date.parse(s.start) === start);
    const slot = slotsThen.find((s) => slotHolder(s, rotation.swaps).responderId === side.responderId);
    if (slot) return { key: `slot:${slot.slotId}`, start, end: Date.parse(slot.end) };
    const shift = calendar.shiftStartingAt(start);
    if (!shift && slotsThen.length > 0)
      throw new BadUserInputError(`${field}.responderId`, `responder ${side.responderId} does not hold that slot`);
    if (!shift)
      throw new BadUserInputError(
        `${field}.shiftStart`,
        `${side.shiftStart} is not the start of a shift or slot of this rotation`,
      );
    const assigned = assignShift(shift, rotation, availability).map((a) => a.responderId);
    if (!assigned.includes(side.responderId)) {
      throw new BadUserInputError(`${field}.responderId`, `responder ${side.responderId} is not on call in that shift`);
    }
    return { key: `shift:${shift.number}`, start: shift.start, end: shift.end };
  });
  if (units[0].key === units[1].key)
    throw new BadUserInputError('second.shiftStart', 'a shift cannot be swapped with itself');
  if (swap.first.responderId === swap.second.responderId) {
    throw new BadUserInputError('second.responderId', 'a responder cannot swap with themselves');
  }
  sides.forEach(([field, side], i) => {
    const other = units[1 - i];
    if (ineligibility(availability(side.responderId), other.start, other.end)) {
      throw new BadUserInputError(`${field}.responderId`, `responder ${side.responderId} cannot take the other shift`);
    }
  });
}

import { registerEnumType } from '@nestjs/graphql';
import { enumFromList } from '@app/core';
import { RESPONDER_ROLES, RESPONDER_STATES, type ResponderRole } from '../domain/responder/responder.events.js';
import {
  ON_CALL_REASON_KINDS,
  ROTATION_STATES,
  SHIFT_CYCLES,
  SLOT_FILLS,
  type ShiftCycleKind,
  type SlotFill,
} from '../domain/schedule/schedule.types.js';
import { INELIGIBILITIES, type Ineligibility as IneligibilityKind } from '../domain/schedule/shift-assignment.js';
import { SLOT_EXCLUSIONS, type SlotExclusion } from '../domain/slot-round/slot-round.events.js';

/** ISO weekday numbers (Monday 1): the one enum with numeric values, so not from a string list. */
export enum Weekday {
  MONDAY = 1,
  TUESDAY = 2,
  WEDNESDAY = 3,
  THURSDAY = 4,
  FRIDAY = 5,
  SATURDAY = 6,
  SUNDAY = 7,
}
registerEnumType(Weekday, { name: 'Weekday' });

export const ResponderRoleValue = enumFromList(RESPONDER_ROLES, 'ResponderRole', { names: 'upper' });
export type ResponderRoleValue = ResponderRole;

export const ShiftCycle = enumFromList(SHIFT_CYCLES, 'ShiftCycle', {
  names: 'upper',
  description: 'Handoffs repeat every day or every week.',
});
export type ShiftCycle = ShiftCycleKind;

export const OnCallReasonKind = enumFromList(ON_CALL_REASON_KINDS, 'OnCallReasonKind');
export type OnCallReasonKind = (typeof ON_CALL_REASON_KINDS)[number];

export const SlotFillValue = enumFromList(SLOT_FILLS, 'SlotFill', {
  description: 'How a weekend slot got its responder: they volunteered, or the fairness rules assigned it.',
});
export type SlotFillValue = SlotFill;

export const SlotExclusionValue = enumFromList(SLOT_EXCLUSIONS, 'SlotExclusion', {
  description:
    'Why a candidate could not take a slot: restricted by local law, unavailable, or on call elsewhere then.',
});
export type SlotExclusionValue = SlotExclusion;

export const Ineligibility = enumFromList(INELIGIBILITIES, 'Ineligibility', {
  description: 'Why a responder was skipped for a turn.',
});
export type Ineligibility = IneligibilityKind;

export const ResponderLifecycle = enumFromList(RESPONDER_STATES, 'ResponderState');
export type ResponderLifecycle = (typeof RESPONDER_STATES)[number];

export const RotationLifecycle = enumFromList(ROTATION_STATES, 'RotationState');
export type RotationLifecycle = (typeof ROTATION_STATES)[number];

import { registerEnumType } from '@nestjs/graphql';

export enum Weekday {
  MONDAY = 1,
  TUESDAY = 2,
  WEDNESDAY = 3,
  THURSDAY = 4,
  FRIDAY = 5,
  SATURDAY = 6,
  SUNDAY = 7,
}

export enum ResponderRoleValue {
  ENGINEER = 'engineer',
  MANAGER = 'manager',
  DIRECTOR = 'director',
}

export enum ShiftCycle {
  DAILY = 'daily',
  WEEKLY = 'weekly',
}

export enum OnCallReasonKind {
  TURN = 'TURN',
  SWAP = 'SWAP',
  OVERRIDE = 'OVERRIDE',
  VOLUNTEER = 'VOLUNTEER',
  AUTOMATIC = 'AUTOMATIC',
}

export enum SlotFillValue {
  VOLUNTEER = 'VOLUNTEER',
  AUTOMATIC = 'AUTOMATIC',
}

export enum SlotExclusionValue {
  RESTRICTED = 'RESTRICTED',
  UNAVAILABLE = 'UNAVAILABLE',
  ON_CALL = 'ON_CALL',
}

export enum Ineligibility {
  RESTRICTED = 'RESTRICTED',
  UNAVAILABLE = 'UNAVAILABLE',
}

export enum ResponderLifecycle {
  ACTIVE = 'ACTIVE',
  DEACTIVATED = 'DEACTIVATED',
}

export enum RotationLifecycle {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(Weekday, { name: 'Weekday' });
registerEnumType(ResponderLifecycle, { name: 'ResponderState' });
registerEnumType(RotationLifecycle, { name: 'RotationState' });
registerEnumType(ResponderRoleValue, { name: 'ResponderRole' });
registerEnumType(ShiftCycle, { name: 'ShiftCycle', description: 'Handoffs repeat every day or every week.' });
registerEnumType(OnCallReasonKind, { name: 'OnCallReasonKind' });
registerEnumType(Ineligibility, { name: 'Ineligibility', description: 'Why a responder was skipped for a turn.' });
registerEnumType(SlotFillValue, {
  name: 'SlotFill',
  description: 'How a weekend slot got its responder: they volunteered, or the fairness rules assigned it.',
});
registerEnumType(SlotExclusionValue, {
  name: 'SlotExclusion',
  description:
    'Why a candidate could not take a slot: restricted by local law, unavailable, or on call elsewhere then.',
});

import type { DomainEvent } from '@app/event-store/pure';
import type {
  ClockWindow,
  Membership,
  Override,
  ScheduleChange,
  ShiftPattern,
  Swap,
  TurnOrder,
} from '../schedule/schedule.types.js';

export interface RotationDefinition {
  rotationId: string;
  name: string;
  team: string;
  timeZone: string;
  startDate: string;
  pattern: ShiftPattern;
  coverageWindows: ClockWindow[];
  driWindows: ClockWindow[];
}

export interface RotationCreatedData extends RotationDefinition {
  participants: Membership[];
  shadows: Membership[];
  createdAt: string;
}

interface MembershipChange {
  rotationId: string;
  responderId: string;
  /** The instant the change takes effect. */
  from: string;
}

export type RotationEvent =
  | DomainEvent<'RotationCreated', RotationCreatedData>
  | DomainEvent<'RotationParticipantAdded', MembershipChange>
  | DomainEvent<'RotationParticipantRemoved', MembershipChange>
  | DomainEvent<'RotationShadowAdded', MembershipChange>
  | DomainEvent<'RotationShadowRemoved', MembershipChange>
  | DomainEvent<'OverrideScheduled', { rotationId: string } & Override>
  | DomainEvent<'OverrideCancelled', { rotationId: string; overrideId: string; cancelledBy: string }>
  | DomainEvent<'ShiftsSwapped', { rotationId: string } & Swap>
  | DomainEvent<'RotationUpdated', { rotationId: string; changes: RotationLabels }>
  | DomainEvent<'RotationTimeZoneChanged', { rotationId: string } & ScheduleChange>
  | DomainEvent<'ShiftPatternChanged', { rotationId: string } & ScheduleChange>
  | DomainEvent<'RotationParticipantsReordered', { rotationId: string } & TurnOrder>
  | DomainEvent<'RotationArchived', { rotationId: string; archivedAt: string; reason?: string }>;

/** What a rotation's correction may rename at once. */
export type RotationLabels = Partial<Pick<RotationDefinition, 'name' | 'team'>>;

export const rotationStream = (rotationId: string) => `rotation-${rotationId}`;

import { registerEnumType } from '@nestjs/graphql';
import { enumFromList } from '@app/core';
import { PAGE_STATES, type PageStatus } from '../domain/escalation/escalation.types.js';
import { PRESENCE_STATES, type PresenceStatus } from '../domain/presence/presence.events.js';

/** GraphQL enums; their values are the domain's own strings, so mapping is a plain cast. */

export enum SeverityValue {
  S1 = 'S1',
  S2 = 'S2',
  S3 = 'S3',
  S4 = 'S4',
}

export enum EscalationSourceValue {
  INFRASTRUCTURE = 'INFRASTRUCTURE',
  SUPPORT = 'SUPPORT',
  CUSTOMER_EMERGENCY = 'CUSTOMER_EMERGENCY',
}

export enum EscalationKindValue {
  REGRESSION = 'REGRESSION',
  CUSTOMER_SPECIFIC_DATA = 'CUSTOMER_SPECIFIC_DATA',
  PERFORMANCE_DEGRADATION = 'PERFORMANCE_DEGRADATION',
  LICENCE_OR_CONSUMPTION_BLOCK = 'LICENCE_OR_CONSUMPTION_BLOCK',
  WIDESPREAD_INCIDENT = 'WIDESPREAD_INCIDENT',
}

export enum EscalationStateValue {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  MITIGATED = 'MITIGATED',
  RESOLVED = 'RESOLVED',
  DOWNGRADED = 'DOWNGRADED',
}

export enum OpenEscalationStateValue {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  MITIGATED = 'MITIGATED',
}

export enum EscalationLayerValue {
  RESPONDER = 'RESPONDER',
  MANAGER = 'MANAGER',
  DIRECTORS = 'DIRECTORS',
}

export enum PageLayerValue {
  RESPONDER = 'RESPONDER',
  MANAGER = 'MANAGER',
  DIRECTORS = 'DIRECTORS',
  BACKUP_POOL = 'BACKUP_POOL',
}

export enum PageTriggerValue {
  RAISED = 'RAISED',
  ACK_TIMEOUT = 'ACK_TIMEOUT',
  REROUTED = 'REROUTED',
  BACKUP_POOL_REQUESTED = 'BACKUP_POOL_REQUESTED',
}

export enum PagingModeValue {
  ON_CALL = 'ON_CALL',
  LEAST_RECENTLY_ESCALATED_ONLINE = 'LEAST_RECENTLY_ESCALATED_ONLINE',
}

export enum SelectionRuleValue {
  ON_CALL = 'ON_CALL',
  LEAST_RECENTLY_ESCALATED_ONLINE = 'LEAST_RECENTLY_ESCALATED_ONLINE',
  NOBODY_ONLINE_ON_CALL = 'NOBODY_ONLINE_ON_CALL',
  LISTED = 'LISTED',
}

export enum SkipReasonValue {
  NOBODY_ON_CALL = 'NOBODY_ON_CALL',
  RESPONDER_BUSY = 'RESPONDER_BUSY',
}

export enum QualificationValue {
  STRICT_DEFINITION = 'STRICT_DEFINITION',
  EXCEPTION = 'EXCEPTION',
  NEEDS_MORE_INFORMATION = 'NEEDS_MORE_INFORMATION',
  NOT_AN_EMERGENCY = 'NOT_AN_EMERGENCY',
}

export enum DowngradeReasonValue {
  NOT_AN_EMERGENCY = 'NOT_AN_EMERGENCY',
  NO_CUSTOMER_REPLY = 'NO_CUSTOMER_REPLY',
}

export enum NoteKindValue {
  UPDATE = 'UPDATE',
  TRIED = 'TRIED',
  NEXT_STEP = 'NEXT_STEP',
}

export enum PageCancelReasonValue {
  ACKNOWLEDGED_ELSEWHERE = 'ACKNOWLEDGED_ELSEWHERE',
  DRI_ASSIGNED = 'DRI_ASSIGNED',
  ESCALATION_CLOSED = 'ESCALATION_CLOSED',
  REROUTED = 'REROUTED',
}

registerEnumType(SeverityValue, { name: 'Severity', description: 'S1 is the most severe; S1 and S2 are emergencies.' });
registerEnumType(EscalationSourceValue, { name: 'EscalationSource' });
registerEnumType(EscalationKindValue, { name: 'EscalationKind' });
registerEnumType(EscalationStateValue, { name: 'EscalationState' });
registerEnumType(OpenEscalationStateValue, {
  name: 'OpenEscalationState',
  description: 'The states of an open escalation.',
});
export const PageStateValue = enumFromList(PAGE_STATES, 'PageState', {
  description:
    'TRIGGERED: attention asked; ACKNOWLEDGED: seen and being looked at; RESOLVED: the responder has engaged ' +
    '(the escalation itself may stay open); TIMED_OUT: passed on to the next step; CANCELLED: no longer needed.',
});
export type PageStateValue = PageStatus;
registerEnumType(EscalationLayerValue, { name: 'EscalationLayer' });
registerEnumType(PageLayerValue, { name: 'PageLayer' });
registerEnumType(PageTriggerValue, { name: 'PageTrigger', description: 'Why a page was sent.' });
registerEnumType(PagingModeValue, {
  name: 'PagingMode',
  description:
    'How the responder layer picks: ON_CALL, whoever the schedule says; LEAST_RECENTLY_ESCALATED_ONLINE, on weekdays ' +
    'in the rotation’s zone the online on-call responder paged longest ago (the schedule otherwise).',
});
registerEnumType(SelectionRuleValue, {
  name: 'SelectionRule',
  description: 'The rule that chose a page’s recipients.',
});
registerEnumType(SkipReasonValue, { name: 'SkipReason' });
registerEnumType(QualificationValue, { name: 'Qualification' });
registerEnumType(DowngradeReasonValue, { name: 'DowngradeReason' });
registerEnumType(NoteKindValue, { name: 'NoteKind' });
registerEnumType(PageCancelReasonValue, { name: 'PageCancelReason' });
export const PresenceStateValue = enumFromList(PRESENCE_STATES, 'PresenceState');
export type PresenceStateValue = PresenceStatus;

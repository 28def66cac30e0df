import { enumFromList } from '@app/core';
import {
  ESCALATION_SOURCES,
  type EscalationSource,
  ESCALATION_KINDS,
  type EscalationKind,
  ESCALATION_STATES,
  type EscalationState,
  ESCALATION_LAYERS,
  type EscalationLayer,
  PAGING_MODES,
  type PagingMode,
  QUALIFICATIONS,
  type Qualification,
  DOWNGRADE_REASONS,
  type DowngradeReason,
  NOTE_KINDS,
  type NoteKind,
  PAGE_CANCEL_REASONS,
  type PageCancelReason,
  SEVERITIES,
  type Severity,
  PAGE_STATES,
  type PageStatus,
  OPEN_STATES,
  type OpenEscalationState,
  PAGE_LAYERS,
  type PageLayer,
} from '../domain/escalation/escalation.types.js';
import { PAGE_TRIGGERS, type PageTrigger } from '../domain/escalation/escalation.events.js';
import { SELECTION_RULES, type SelectionRule, SKIP_REASONS, type SkipReason } from '../domain/escalation/paging.js';
import { PRESENCE_STATES, type PresenceStatus } from '../domain/presence/presence.events.js';

/** GraphQL enums made from the domain's own lists (enumFromList): the same strings and types, no casts. */

export const SeverityValue = enumFromList(SEVERITIES, 'Severity', {
  description: 'S1 is the most severe; S1 and S2 are emergencies.',
});
export type SeverityValue = Severity;
export const EscalationSourceValue = enumFromList(ESCALATION_SOURCES, 'EscalationSource');
export type EscalationSourceValue = EscalationSource;
export const EscalationKindValue = enumFromList(ESCALATION_KINDS, 'EscalationKind');
export type EscalationKindValue = EscalationKind;
export const EscalationStateValue = enumFromList(ESCALATION_STATES, 'EscalationState');
export type EscalationStateValue = EscalationState;
export const OpenEscalationStateValue = enumFromList(OPEN_STATES, 'OpenEscalationState', {
  description: 'The states of an open escalation.',
});
export type OpenEscalationStateValue = OpenEscalationState;
export const PageStateValue = enumFromList(PAGE_STATES, 'PageState', {
  description:
    'TRIGGERED: attention asked; ACKNOWLEDGED: seen and being looked at; RESOLVED: the responder has engaged ' +
    '(the escalation itself may stay open); TIMED_OUT: passed on to the next step; CANCELLED: no longer needed.',
});
export type PageStateValue = PageStatus;
export const EscalationLayerValue = enumFromList(ESCALATION_LAYERS, 'EscalationLayer');
export type EscalationLayerValue = EscalationLayer;
export const PageLayerValue = enumFromList(PAGE_LAYERS, 'PageLayer');
export type PageLayerValue = PageLayer;
export const PageTriggerValue = enumFromList(PAGE_TRIGGERS, 'PageTrigger', {
  description: 'Why a page was sent.',
});
export type PageTriggerValue = PageTrigger;
export const PagingModeValue = enumFromList(PAGING_MODES, 'PagingMode', {
  description:
    'How the responder layer picks: ON_CALL, whoever the schedule says; LEAST_RECENTLY_ESCALATED_ONLINE, on weekdays ' +
    'in the rotation’s zone the online on-call responder paged longest ago (the schedule otherwise).',
});
export type PagingModeValue = PagingMode;
export const SelectionRuleValue = enumFromList(SELECTION_RULES, 'SelectionRule', {
  description: 'The rule that chose a page’s recipients.',
});
export type SelectionRuleValue = SelectionRule;
export const SkipReasonValue = enumFromList(SKIP_REASONS, 'SkipReason');
export type SkipReasonValue = SkipReason;
export const QualificationValue = enumFromList(QUALIFICATIONS, 'Qualification');
export type QualificationValue = Qualification;
export const DowngradeReasonValue = enumFromList(DOWNGRADE_REASONS, 'DowngradeReason');
export type DowngradeReasonValue = DowngradeReason;
export const NoteKindValue = enumFromList(NOTE_KINDS, 'NoteKind');
export type NoteKindValue = NoteKind;
export const PageCancelReasonValue = enumFromList(PAGE_CANCEL_REASONS, 'PageCancelReason');
export type PageCancelReasonValue = PageCancelReason;
export const PresenceStateValue = enumFromList(PRESENCE_STATES, 'PresenceState');
export type PresenceStateValue = PresenceStatus;

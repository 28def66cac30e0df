/** The vocabulary of escalations, shared by the deciders, read models and GraphQL enums. */

export const SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An S1 or S2 escalation is an emergency: its DRI is busy with it. */
export const EMERGENCY_SEVERITIES: readonly Severity[] = ['S1', 'S2'];

export const ESCALATION_SOURCES = ['INFRASTRUCTURE', 'SUPPORT', 'CUSTOMER_EMERGENCY'] as const;
export type EscalationSource = (typeof ESCALATION_SOURCES)[number];

export const ESCALATION_KINDS = [
  'REGRESSION',
  'CUSTOMER_SPECIFIC_DATA',
  'PERFORMANCE_DEGRADATION',
  'LICENCE_OR_CONSUMPTION_BLOCK',
  'WIDESPREAD_INCIDENT',
] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const ESCALATION_STATES = ['OPEN', 'ACKNOWLEDGED', 'MITIGATED', 'RESOLVED', 'DOWNGRADED'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const OPEN_STATES = ['OPEN', 'ACKNOWLEDGED', 'MITIGATED'] as const satisfies readonly EscalationState[];
export type OpenEscalationState = (typeof OPEN_STATES)[number];

export function isOpenState(state: EscalationState): boolean {
  return (OPEN_STATES as readonly EscalationState[]).includes(state);
}

export const PAGE_STATES = ['TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED', 'TIMED_OUT', 'CANCELLED'] as const;
export type PageStatus = (typeof PAGE_STATES)[number];

/** Who a policy step reaches: the responder on call, the manager on call, the directors. */
export const ESCALATION_LAYERS = ['RESPONDER', 'MANAGER', 'DIRECTORS'] as const;
export type EscalationLayer = (typeof ESCALATION_LAYERS)[number];
/** A page goes to a policy layer, or to the backup pool. */
export const PAGE_LAYERS = [...ESCALATION_LAYERS, 'BACKUP_POOL'] as const;
export type PageLayer = (typeof PAGE_LAYERS)[number];

/**
 * How the responder layer picks from the rotation's on-call responders: whoever the schedule
 * says, or (on weekdays in the rotation's zone) the online one least recently escalated to.
 */
export const PAGING_MODES = ['ON_CALL', 'LEAST_RECENTLY_ESCALATED_ONLINE'] as const;
export type PagingMode = (typeof PAGING_MODES)[number];

export interface PolicyStep {
  layer: EscalationLayer;
  /** The rotation whose on-call responder is paged (e.g. the managers' rotation)... */
  rotationId?: string;
  /** ...or a list of responders paged together (directors). */
  responderIds?: string[];
  ackTimeoutMinutes: number;
}

/** The policy in force when an escalation was raised (or rerouted); the escalation keeps following it. */
export interface PolicySnapshot {
  rotationId: string;
  pagingMode: PagingMode;
  ackSloMinutes: number;
  steps: PolicyStep[];
  backupPoolIds: string[];
}

export const QUALIFICATIONS = ['STRICT_DEFINITION', 'EXCEPTION', 'NEEDS_MORE_INFORMATION', 'NOT_AN_EMERGENCY'] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export type DriReason = 'ACKNOWLEDGED' | 'REASSIGNED' | 'HANDOVER';

export const DOWNGRADE_REASONS = ['NOT_AN_EMERGENCY', 'NO_CUSTOMER_REPLY'] as const;
export type DowngradeReason = (typeof DOWNGRADE_REASONS)[number];

export const NOTE_KINDS = ['UPDATE', 'TRIED', 'NEXT_STEP'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const PAGE_CANCEL_REASONS = ['ACKNOWLEDGED_ELSEWHERE', 'DRI_ASSIGNED', 'ESCALATION_CLOSED', 'REROUTED'] as const;
export type PageCancelReason = (typeof PAGE_CANCEL_REASONS)[number];

/** Minutes without a customer reply, after the first contact, before a follow-up is due. */
export const FOLLOW_UP_AFTER_MINUTES = 15;
/** Further minutes without a reply before the bridge closes and the priority drops. */
export const BRIDGE_CLOSES_AFTER_MINUTES = 15;

export const MINUTE_MS = 60_000;

export function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();
}

export function defaultPolicy(rotationId: string): PolicySnapshot {
  return {
    rotationId,
    pagingMode: 'ON_CALL',
    ackSloMinutes: 15,
    steps: [{ layer: 'RESPONDER', rotationId, ackTimeoutMinutes: 15 }],
    backupPoolIds: [],
  };
}

import type { DomainEvent } from '@app/event-store/pure';

export const RAPID_ACTION_SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;
export type Severity = (typeof RAPID_ACTION_SEVERITIES)[number];

export const SCOPE_KINDS = ['part', 'perspective', 'time-zone'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export const RAPID_ACTION_STATES = ['open', 'resolved'] as const;
export type RapidActionLifecycle = (typeof RAPID_ACTION_STATES)[number];

/** What a sub-DRI answers for: a part of the problem, a perspective (engineering…) or a time zone (APAC…). */
export interface SubDriScope {
  kind: ScopeKind;
  description: string;
}

export interface ExitCriterionDefinition {
  criterionId: string;
  description: string;
  dashboardUrl: string | null;
}

export interface RapidActionDeclaredData {
  rapidActionId: string;
  title: string;
  problemStatement: string;
  /** Each one measurable ("p95 latency of the search API is 5x its usual 400 ms"). */
  problems: string[];
  severity: Severity;
  issuesInScope: string[];
  stakeholderIds: string[];
  driId: string;
  /** The DRI's zone when declared: the daily-update deadline is read in it. */
  driTimeZone: string;
  confidential: boolean;
  exitCriteria: ExitCriterionDefinition[];
  declaredBy: string;
  declaredAt: string;
  /** End of the next business day in the DRI's zone: an update is expected by then. */
  updateDueBy: string;
}

export interface RapidActionRevision {
  title?: string;
  problemStatement?: string;
  problems?: string[];
  severity?: Severity;
  issuesInScope?: string[];
}

export const UPDATE_POSTER_ROLES = ['dri', 'sub-dri'] as const;
export type UpdatePosterRole = (typeof UPDATE_POSTER_ROLES)[number];

export interface RapidActionUpdateData {
  rapidActionId: string;
  /** One version of one update; an amendment has an id of its own. */
  updateId: string;
  /** The dated heading, "YYYY-MM-DD Update". */
  date: string;
  /** Null for the DRI's update on the whole action. */
  scope: SubDriScope | null;
  postedBy: string;
  postedAs: UpdatePosterRole;
  postedAt: string;
  progressSinceLastUpdate: string;
  progressExpectedByNextUpdate: string;
  /** Null when there are none. */
  blockers: string | null;
  praise: string | null;
  /** 1 for the first update of a date and scope, then 2, 3… for its amendments. */
  version: number;
  amendsUpdateId: string | null;
  /** The next deadline, from this update. */
  updateDueBy: string;
}

export interface FollowUp {
  followUpId: string;
  description: string;
  issueUrl: string | null;
  ownerId: string | null;
}

export type RapidActionEvent =
  | DomainEvent<'RapidActionDeclared', RapidActionDeclaredData>
  | DomainEvent<'RapidActionRevised', { rapidActionId: string; changes: RapidActionRevision; revisedAt: string }>
  | DomainEvent<
      'RapidActionDriChanged',
      {
        rapidActionId: string;
        previousDriId: string;
        driId: string;
        driTimeZone: string;
        reason: string | null;
        changedAt: string;
        /** Recomputed in the new DRI's zone from the last update (or the declaration). */
        updateDueBy: string;
      }
    >
  | DomainEvent<'RapidActionStakeholderAdded', { rapidActionId: string; responderId: string; at: string }>
  | DomainEvent<'RapidActionStakeholderRemoved', { rapidActionId: string; responderId: string; at: string }>
  | DomainEvent<
      'RapidActionSubDriAssigned',
      { rapidActionId: string; responderId: string; scope: SubDriScope; at: string }
    >
  | DomainEvent<'RapidActionSubDriReleased', { rapidActionId: string; responderId: string; at: string }>
  | DomainEvent<'RapidActionExitCriterionAdded', { rapidActionId: string; at: string } & ExitCriterionDefinition>
  | DomainEvent<'RapidActionExitCriterionReworded', { rapidActionId: string; at: string } & ExitCriterionDefinition>
  | DomainEvent<
      'RapidActionExitCriterionMet',
      { rapidActionId: string; criterionId: string; evidence: string; by: string; at: string }
    >
  | DomainEvent<
      'RapidActionExitCriterionUnmet',
      { rapidActionId: string; criterionId: string; reason: string; by: string; at: string }
    >
  | DomainEvent<'RapidActionUpdatePosted', RapidActionUpdateData>
  | DomainEvent<'RapidActionUpdateAmended', RapidActionUpdateData>
  | DomainEvent<'RapidActionBecameOverdue', { rapidActionId: string; dueBy: string; overdueSince: string }>
  | DomainEvent<
      'RapidActionResolved',
      {
        rapidActionId: string;
        resolvedBy: string;
        resolvedAt: string;
        summary: string | null;
        /** The criteria still unmet, when resolved by override. */
        overriddenCriterionIds: string[];
        overrideReason: string | null;
      }
    >
  | DomainEvent<'RapidActionFollowUpsRecorded', { rapidActionId: string; followUps: FollowUp[]; at: string }>
  | DomainEvent<
      'RapidActionRetrospectiveRecorded',
      { rapidActionId: string; summary: string; documentUrl: string | null; heldOn: string | null; at: string }
    >
  | DomainEvent<'RapidActionMadePublic', { rapidActionId: string; reason: string | null; by: string; at: string }>;

export const rapidActionStream = (rapidActionId: string) => `rapid-action-${rapidActionId}`;

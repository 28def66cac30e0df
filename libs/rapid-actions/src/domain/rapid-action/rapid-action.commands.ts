import type {
  ExitCriterionDefinition,
  FollowUp,
  RapidActionRevision,
  Severity,
  SubDriScope,
} from './rapid-action.events.js';

export interface Envelope {
  rapidActionId: string;
  /** Who asks (a responder id); recorded where the read model shows who did what. */
  actor: string;
  now: string;
}

export type RapidActionCommand = Envelope &
  (
    | {
        type: 'DeclareRapidAction';
        title: string;
        problemStatement: string;
        problems: string[];
        severity: Severity;
        issuesInScope: string[];
        stakeholderIds: string[];
        driId: string;
        driTimeZone: string;
        confidential: boolean;
        exitCriteria: ExitCriterionDefinition[];
      }
    | { type: 'ReviseRapidAction'; changes: RapidActionRevision }
    | { type: 'ChangeDri'; driId: string; driTimeZone: string; reason: string | null }
    | { type: 'AddStakeholder' | 'RemoveStakeholder' | 'ReleaseSubDri'; responderId: string }
    | { type: 'AssignSubDri'; responderId: string; scope: SubDriScope }
    | ({ type: 'AddExitCriterion' } & ExitCriterionDefinition)
    /** `dashboardUrl` absent: keep the current link; null: remove it. */
    | ({ type: 'RewordExitCriterion'; dashboardUrl?: string | null } & Omit<ExitCriterionDefinition, 'dashboardUrl'>)
    | { type: 'MarkExitCriterionMet'; criterionId: string; evidence: string }
    | { type: 'MarkExitCriterionUnmet'; criterionId: string; reason: string }
    | {
        type: 'PostUpdate';
        updateId: string;
        /** Absent: today in the poster's zone. */
        date: string | null;
        posterTimeZone: string | null;
        progressSinceLastUpdate: string;
        progressExpectedByNextUpdate: string;
        blockers: string | null;
        praise: string | null;
      }
    | { type: 'Resolve'; summary: string | null; overrideUnmetCriteria: boolean; overrideReason: string | null }
    | { type: 'RecordFollowUps'; followUps: FollowUp[] }
    | { type: 'RecordRetrospective'; summary: string; documentUrl: string | null; heldOn: string | null }
    | { type: 'MakePublic'; reason: string | null }
    /** Time-driven: the deadline `dueBy` has passed without an update. */
    | { type: 'MarkOverdue'; dueBy: string; eventId: string }
  );

/** Updates are one per date and scope (the DRI's on the whole action, or a sub-DRI's scope); a second amends the first. */

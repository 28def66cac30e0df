import type {
  ExitCriterionDefinition,
  FollowUp,
  RapidActionLifecycle,
  Severity,
  SubDriScope,
} from './rapid-action.events.js';

export interface SubDri {
  responderId: string;
  scope: SubDriScope;
  assignedAt: string;
}

export interface ExitCriterion extends ExitCriterionDefinition {
  met: { evidence: string; by: string; at: string } | null;
}

export interface Resolution {
  resolvedBy: string;
  resolvedAt: string;
  summary: string | null;
  overriddenCriterionIds: string[];
  overrideReason: string | null;
}

export interface Retrospective {
  summary: string;
  documentUrl: string | null;
  heldOn: string | null;
  recordedAt: string;
}

export interface RapidAction {
  rapidActionId: string;
  title: string;
  problemStatement: string;
  problems: string[];
  severity: Severity;
  issuesInScope: string[];
  /** Seen only by its DRI, sub-DRIs and stakeholders; false once made public. */
  confidential: boolean;
  madePublicAt: string | null;
  driId: string;
  driTimeZone: string;
  stakeholderIds: string[];
  subDris: SubDri[];
  exitCriteria: ExitCriterion[];
  state: RapidActionLifecycle;
  declaredBy: string;
  declaredAt: string;
  lastUpdateAt: string | null;
  updateDueBy: string;
  overdueSince: string | null;
  /** The current version of each update, by `updateKey` (date and scope). */
  updateVersions: Record<string, { updateId: string; version: number }>;
  resolution: Resolution | null;
  followUps: FollowUp[];
  retrospective: Retrospective | null;
}

export type RapidActionState = RapidAction | null;

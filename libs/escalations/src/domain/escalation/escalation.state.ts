import type { EscalationRaisedData, PageKind, PageTrigger, ResponderPagedData } from './escalation.events.js';
import type {
  DowngradeReason,
  EscalationLayer,
  EscalationState,
  PageCancelReason,
  PageStatus,
  PolicySnapshot,
  Qualification,
} from './escalation.types.js';
import type { EscalationAlert } from './escalation-alert.types.js';

export interface Page {
  pageId: string;
  kind: PageKind;
  trigger: PageTrigger;
  step: number | null;
  layer: EscalationLayer | 'BACKUP_POOL';
  rotationId: string | null;
  recipients: string[];
  shadowIds: string[];
  status: PageStatus;
  pagedAt: string;
  ackDeadline: string;
  ackSloSeconds: number;
  selection: ResponderPagedData['selection'];
  skippedSteps: ResponderPagedData['skippedSteps'];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  secondsToAcknowledge: number | null;
  withinSlo: boolean | null;
  resolvedAt: string | null;
  closedAt: string | null;
  cancelReason: PageCancelReason | null;
}

export interface CustomerContact {
  firstContactAt: string;
  followUpDueAt: string;
  followUpRecordedAt: string | null;
  bridgeClosesAt: string | null;
  bridgeClosedAt: string | null;
  repliedAt: string | null;
}

export interface Escalation extends Omit<EscalationRaisedData, 'policy' | 'alert'> {
  policy: PolicySnapshot;
  /** The monitoring alert it was raised from, with its occurrences; null when a person raised it. */
  alert: EscalationAlert | null;
  state: EscalationState;
  driId: string | null;
  driSince: string | null;
  pages: Page[];
  policyExhaustedAt: string | null;
  qualification: Qualification | null;
  neededMoreInformation: boolean;
  customerContact: CustomerContact | null;
  downgrade: { reason: DowngradeReason; priority: 'HIGH'; followUpTicket: string | null; at: string } | null;
  firstAcknowledgedAt: string | null;
  mitigatedAt: string | null;
  closedAt: string | null;
  /** Boundaries whose handover already made someone DRI (a handover is applied once). */
  handoverBoundaryIds: string[];
  updatedAt: string;
}

export type EscalationDeciderState = Escalation | null;

import type { DomainEvent } from '@app/event-store/pure';
import type {
  DowngradeReason,
  DriReason,
  EscalationKind,
  EscalationLayer,
  EscalationSource,
  NoteKind,
  PageCancelReason,
  PolicySnapshot,
  Qualification,
  Severity,
} from './escalation.types.js';
import type { Selection, SkippedStep } from './paging.js';
import type { AlertOccurredData, AlertSourceData } from './escalation-alert.types.js';

export interface EscalationRaisedData {
  escalationId: string;
  source: EscalationSource;
  severity: Severity;
  kind: EscalationKind | null;
  title: string;
  description: string;
  links: string[];
  rotationId: string;
  /** The service it concerns; `routedToServiceOwner` when the rotation came from the service. */
  serviceId: string | null;
  routedToServiceOwner: boolean;
  incidentTag: string | null;
  raisedAt: string;
  raisedBy: string;
  policy: PolicySnapshot;
  /** Set when an integration raised it from an alert (absent on escalations raised by people). */
  alert?: AlertSourceData | null;
}

export type PageKind = 'POLICY_STEP' | 'BACKUP_POOL';

/** Why this page was sent. */
export const PAGE_TRIGGERS = ['RAISED', 'ACK_TIMEOUT', 'REROUTED', 'BACKUP_POOL_REQUESTED'] as const;
export type PageTrigger = (typeof PAGE_TRIGGERS)[number];

export interface ResponderPagedData {
  escalationId: string;
  pageId: string;
  kind: PageKind;
  trigger: PageTrigger;
  /** The policy step (0-based); null for a backup-pool page. */
  step: number | null;
  layer: EscalationLayer | 'BACKUP_POOL';
  rotationId: string | null;
  recipients: string[];
  shadowIds: string[];
  pagedAt: string;
  ackDeadline: string;
  ackSloSeconds: number;
  selection: Selection;
  skippedSteps: SkippedStep[];
}

export type EscalationEvent =
  | DomainEvent<'EscalationRaised', EscalationRaisedData>
  | DomainEvent<'ResponderPaged', ResponderPagedData>
  | DomainEvent<
      'PageAcknowledged',
      {
        escalationId: string;
        pageId: string;
        responderId: string;
        at: string;
        secondsToAcknowledge: number;
        ackSloSeconds: number;
        withinSlo: boolean;
      }
    >
  | DomainEvent<'PageResolved', { escalationId: string; pageId: string; responderId: string; at: string }>
  | DomainEvent<
      'PageTimedOut',
      { escalationId: string; pageId: string; at: string; ackSloSeconds: number; escalatedBy?: string }
    >
  | DomainEvent<'PageCancelled', { escalationId: string; pageId: string; at: string; reason: PageCancelReason }>
  | DomainEvent<'EscalationPolicyExhausted', { escalationId: string; at: string; skippedSteps: SkippedStep[] }>
  | DomainEvent<
      'DriAssigned',
      {
        escalationId: string;
        driId: string;
        previousDriId: string | null;
        reason: DriReason;
        at: string;
        by: string;
        boundaryId: string | null;
        note: string | null;
      }
    >
  | DomainEvent<
      'EscalationNoteAdded',
      { escalationId: string; noteId: string; kind: NoteKind; text: string; author: string; at: string }
    >
  | DomainEvent<'EscalationMitigated', { escalationId: string; at: string; by: string; note: string | null }>
  | DomainEvent<'EscalationResolved', { escalationId: string; at: string; by: string; note: string | null }>
  | DomainEvent<
      'EmergencyQualified',
      { escalationId: string; qualification: Qualification; at: string; by: string; note: string | null }
    >
  | DomainEvent<
      'EscalationDowngraded',
      {
        escalationId: string;
        reason: DowngradeReason;
        priority: 'HIGH';
        followUpTicket: string | null;
        at: string;
      }
    >
  | DomainEvent<'CustomerContacted', { escalationId: string; at: string; followUpDueAt: string }>
  | DomainEvent<'CustomerReplied', { escalationId: string; at: string }>
  | DomainEvent<'CustomerFollowUpDue', { escalationId: string; at: string; bridgeClosesAt: string }>
  | DomainEvent<'CustomerBridgeClosed', { escalationId: string; at: string }>
  | DomainEvent<'EscalationTagged', { escalationId: string; incidentTag: string | null; at: string; by: string }>
  | DomainEvent<'AlertOccurred', AlertOccurredData>
  | DomainEvent<'AlertAcknowledged', { escalationId: string; pageIds: string[]; at: string; by: string }>
  | DomainEvent<
      'EscalationRerouted',
      {
        escalationId: string;
        fromRotationId: string;
        rotationId: string;
        serviceId: string | null;
        policy: PolicySnapshot;
        at: string;
        by: string;
      }
    >;

export type EscalationEventType = EscalationEvent['type'];

export const ESCALATION_STREAM_PREFIX = 'escalation-';

export const escalationStream = (escalationId: string) => `${ESCALATION_STREAM_PREFIX}${escalationId}`;

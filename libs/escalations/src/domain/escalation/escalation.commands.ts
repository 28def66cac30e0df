import type { EscalationRaisedData } from './escalation.events.js';
import type { NoteKind, PolicySnapshot, Qualification } from './escalation.types.js';
import type { Candidate, StepFacts } from './paging.js';
import type { AlertDecisionCommand } from './escalation-alert.decide.js';

export interface Targeted {
  escalationId: string;
  at: string;
}

export type EscalationCommand =
  | AlertDecisionCommand
  | ({ type: 'Raise'; pageId: string; paging: StepFacts[] } & EscalationRaisedData)
  | (Targeted & { type: 'AcknowledgePage'; pageId: string; responderId: string })
  | (Targeted & { type: 'ResolvePage'; pageId: string; responderId: string })
  /** Time-driven: `stepId` makes the event ids deterministic. */
  | (Targeted & {
      type: 'TimeOutPage';
      pageId: string;
      stepId: string;
      paging: StepFacts[];
      /** A recipient who asked for the next step before the deadline (an action link's ESCALATE). */
      escalatedBy?: string;
    })
  | (Targeted & { type: 'AddNote'; noteId: string; kind: NoteKind; text: string; author: string })
  | (Targeted & {
      type: 'AssignDri';
      driId: string;
      reason: 'REASSIGNED' | 'HANDOVER';
      by: string;
      note: string | null;
      boundaryId: string | null;
      /** For handovers: deterministic ids, and no error when the escalation has closed meanwhile. */
      stepId?: string;
    })
  | (Targeted & { type: 'Mitigate' | 'Resolve'; by: string; note: string | null })
  | (Targeted & {
      type: 'Qualify';
      qualification: Qualification;
      by: string;
      note: string | null;
      followUpTicket: string | null;
    })
  | (Targeted & { type: 'RecordCustomerContact' | 'RecordCustomerReply' })
  | (Targeted & { type: 'RecordFollowUpDue' | 'CloseBridge'; stepId: string })
  | (Targeted & { type: 'PageBackupPool'; pageId: string; by: string; pool: Candidate[] })
  | (Targeted & { type: 'Tag'; incidentTag: string | null; by: string })
  | (Targeted & {
      type: 'Reroute';
      rotationId: string;
      serviceId: string | null;
      policy: PolicySnapshot;
      pageId: string;
      paging: StepFacts[];
      by: string;
    });

import type { DomainEvent } from '@app/event-store/pure';

/** An escalation open at the boundary whose DRI was going off call. */
export interface BoundaryItem {
  escalationId: string;
  driId: string;
  severity: string;
  state: string;
  title: string;
}

export interface ShiftBoundaryData {
  boundaryId: string;
  rotationId: string;
  at: string;
  outgoingIds: string[];
  /** Who takes over: on call in the rotation right after, else in its receiving rotations. */
  incomingIds: string[];
  /** Items not handed over by then are flagged. */
  handOverBy: string;
  items: BoundaryItem[];
  /** Who ended the shift early (`endShiftNow`); absent: the shift ended as scheduled. */
  endedEarlyBy?: string;
}

export interface HandoverSummary {
  status: string;
  tried: string;
  nextSteps: string;
}

export type HandoverEvent =
  | DomainEvent<'ShiftBoundaryRecorded', ShiftBoundaryData>
  | DomainEvent<
      'HandoverSummaryWritten',
      {
        boundaryId: string;
        escalationId: string;
        authorId: string;
        at: string;
        /** Attached at the boundary from the draft written in the last hour of the shift. */
        fromDraft?: boolean;
      } & HandoverSummary
    >
  | DomainEvent<
      'HandoverItemAccepted',
      { boundaryId: string; escalationId: string; acceptedBy: string; driId: string; at: string }
    >
  | DomainEvent<'HandoverItemOverdue', { boundaryId: string; escalationId: string; at: string }>;

/** A draft attached to an item when the boundary is recorded. */
export interface AttachedDraft extends HandoverSummary {
  escalationId: string;
  authorId: string;
  at: string;
}

export const handoverStream = (boundaryId: string) => `handover-${boundaryId}`;

import type { DomainEvent } from '@app/event-store/pure';
import type { HandoverSummary } from '../handover/handover.events.js';

/** What the outgoing DRI prepares during the last hour of their shift, attached at the boundary. */
export interface HandoverDraftData extends HandoverSummary {
  escalationId: string;
  /** The rotation the author is on call in. */
  rotationId: string;
  authorId: string;
  at: string;
  /** When the author's shift was to end when the draft was written. */
  shiftEndsAt: string;
}

export type HandoverDraftEvent = DomainEvent<'HandoverDraftWritten', HandoverDraftData>;

/** One stream per escalation: the latest draft is the one attached. */
export const handoverDraftStream = (escalationId: string) => `handoverdraft-${escalationId}`;

import { ConflictError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import { DRAFT_WINDOW_MINUTES, draftingOpensAt } from '../boundary/shift-end.js';
import type { HandoverDraftData, HandoverDraftEvent } from './handover-draft.events.js';

export type HandoverDraftState = HandoverDraftData | null;

export type HandoverDraftCommand = {
  type: 'WriteDraft';
  /** The end of the author's shift; null when it does not end within the look-ahead. */
  shiftEndsAt: string | null;
  escalationOpen: boolean;
} & Omit<HandoverDraftData, 'shiftEndsAt'>;

const sameText = (a: HandoverDraftData, b: Omit<HandoverDraftData, 'at'>) =>
  a.authorId === b.authorId &&
  a.rotationId === b.rotationId &&
  a.shiftEndsAt === b.shiftEndsAt &&
  a.status === b.status &&
  a.tried === b.tried &&
  a.nextSteps === b.nextSteps;

function writeDraft(command: HandoverDraftCommand, state: HandoverDraftState): HandoverDraftEvent[] {
  const { type: _, escalationOpen, shiftEndsAt, ...draft } = command;
  if (!escalationOpen) {
    throw new ConflictError(`Escalation ${command.escalationId} is closed: there is nothing to hand over`, {
      escalationId: command.escalationId,
    });
  }
  if (shiftEndsAt === null) {
    throw new ConflictError(
      `Drafting a handover opens in the last ${DRAFT_WINDOW_MINUTES} minutes of a shift; this shift does not end soon enough to know when`,
      { escalationId: command.escalationId },
    );
  }
  const opensAt = new Date(draftingOpensAt(Date.parse(shiftEndsAt))).toISOString();
  if (Date.parse(command.at) < Date.parse(opensAt)) {
    throw new ConflictError(
      `Drafting a handover opens in the last ${DRAFT_WINDOW_MINUTES} minutes of the shift: at ${opensAt} (the shift ends at ${shiftEndsAt})`,
      { escalationId: command.escalationId, opensAt, shiftEndsAt },
    );
  }
  const data: HandoverDraftData = { ...draft, shiftEndsAt };
  if (state && sameText(state, data)) return [];
  return [{ type: 'HandoverDraftWritten', data }];
}

/** The draft handover summary of one escalation: written, and rewritten, in the last hour of a shift. */
export const handoverDraftDecider: Decider<HandoverDraftCommand, HandoverDraftState, HandoverDraftEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'WriteDraft':
        return writeDraft(command, state);
      default: {
        const unknown: never = command.type;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'HandoverDraftWritten':
        return event.data;
      default: {
        const unknown: never = event.type;
        void unknown;
        return state;
      }
    }
  },
};

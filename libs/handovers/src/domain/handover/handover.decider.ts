import { ConflictError, NotFoundError } from '@app/core/pure';
import { deterministicId, type Decider } from '@app/event-store/pure';
import type {
  AttachedDraft,
  BoundaryItem,
  HandoverEvent,
  HandoverSummary,
  ShiftBoundaryData,
} from './handover.events.js';

export interface HandoverItem extends BoundaryItem {
  summary: (HandoverSummary & { authorId: string; at: string; fromDraft?: boolean }) | null;
  acceptedBy: string | null;
  newDriId: string | null;
  acceptedAt: string | null;
  overdueAt: string | null;
}

export interface Handover extends Omit<ShiftBoundaryData, 'items'> {
  items: HandoverItem[];
}

export type HandoverState = Handover | null;

/** Facts about the escalation behind an item, looked up by the handler. */
interface EscalationFacts {
  escalationOpen: boolean;
}

export type HandoverCommand =
  | ({
      type: 'RecordBoundary';
      eventId: string;
      /** Drafts to attach: each item's summary then starts with its draft. */
      drafts?: AttachedDraft[];
    } & ShiftBoundaryData)
  | ({
      type: 'WriteSummary';
      boundaryId: string;
      escalationId: string;
      authorId: string;
      at: string;
    } & HandoverSummary &
      EscalationFacts)
  | {
      type: 'Accept';
      boundaryId: string;
      items: Array<{ escalationId: string } & EscalationFacts>;
      acceptedBy: string;
      driId: string;
      at: string;
    }
  | ({ type: 'FlagOverdue'; boundaryId: string; escalationId: string; at: string; stepId: string } & EscalationFacts);

function existing(state: HandoverState, boundaryId: string): Handover {
  if (!state) throw new NotFoundError('Shift boundary', boundaryId);
  return state;
}

function item(handover: Handover, escalationId: string): HandoverItem {
  const found = handover.items.find((i) => i.escalationId === escalationId);
  if (!found) throw new NotFoundError('Handover item', escalationId);
  return found;
}

function stillToHandOver(entry: HandoverItem, facts: EscalationFacts): void {
  if (!facts.escalationOpen) {
    throw new ConflictError(`Escalation ${entry.escalationId} is closed: there is nothing to hand over`, {
      escalationId: entry.escalationId,
    });
  }
}

/**
 * One shift boundary and its handover: the escalations open when the outgoing DRI went off call,
 * the summary written for each, who accepted it and who became DRI, and those left too long.
 */
export const handoverDecider: Decider<HandoverCommand, HandoverState, HandoverEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RecordBoundary': {
        if (state) return [];
        const { type: _, eventId, drafts = [], ...data } = command;
        const attached = drafts.filter((d) => data.items.some((i) => i.escalationId === d.escalationId));
        return [
          { type: 'ShiftBoundaryRecorded', id: eventId, data },
          ...attached.map((draft): HandoverEvent => ({
            type: 'HandoverSummaryWritten',
            id: deterministicId(eventId, 'draft', draft.escalationId),
            data: { boundaryId: data.boundaryId, ...draft, fromDraft: true },
          })),
        ];
      }
      case 'WriteSummary': {
        const handover = existing(state, command.boundaryId);
        const entry = item(handover, command.escalationId);
        if (entry.acceptedBy) {
          throw new ConflictError(`Escalation ${entry.escalationId} was already handed over`, {
            escalationId: entry.escalationId,
            acceptedBy: entry.acceptedBy,
          });
        }
        stillToHandOver(entry, command);
        const { type: _, escalationOpen: __, ...data } = command;
        return [{ type: 'HandoverSummaryWritten', data }];
      }
      case 'Accept': {
        const handover = existing(state, command.boundaryId);
        const events: HandoverEvent[] = [];
        for (const requested of command.items) {
          const entry = item(handover, requested.escalationId);
          if (entry.acceptedBy) {
            if (entry.newDriId === command.driId) continue;
            throw new ConflictError(`Escalation ${entry.escalationId} was already accepted by ${entry.acceptedBy}`, {
              escalationId: entry.escalationId,
              acceptedBy: entry.acceptedBy,
            });
          }
          stillToHandOver(entry, requested);
          events.push({
            type: 'HandoverItemAccepted',
            data: {
              boundaryId: handover.boundaryId,
              escalationId: entry.escalationId,
              acceptedBy: command.acceptedBy,
              driId: command.driId,
              at: command.at,
            },
          });
        }
        return events;
      }
      case 'FlagOverdue': {
        const handover = existing(state, command.boundaryId);
        const entry = handover.items.find((i) => i.escalationId === command.escalationId);
        if (!entry || entry.acceptedBy || entry.overdueAt || !command.escalationOpen) return [];
        return [
          {
            type: 'HandoverItemOverdue',
            id: deterministicId(command.stepId, 'overdue'),
            data: { boundaryId: handover.boundaryId, escalationId: entry.escalationId, at: command.at },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'ShiftBoundaryRecorded') {
      return {
        ...event.data,
        items: event.data.items.map((i) => ({
          ...i,
          summary: null,
          acceptedBy: null,
          newDriId: null,
          acceptedAt: null,
          overdueAt: null,
        })),
      };
    }
    if (!state) return state;
    const update = (escalationId: string, change: (i: HandoverItem) => HandoverItem): Handover => ({
      ...state,
      items: state.items.map((i) => (i.escalationId === escalationId ? change(i) : i)),
    });
    switch (event.type) {
      case 'HandoverSummaryWritten': {
        const { boundaryId: _, escalationId, ...summary } = event.data;
        return update(escalationId, (i) => ({ ...i, summary }));
      }
      case 'HandoverItemAccepted':
        return update(event.data.escalationId, (i) => ({
          ...i,
          acceptedBy: event.data.acceptedBy,
          newDriId: event.data.driId,
          acceptedAt: event.data.at,
        }));
      case 'HandoverItemOverdue':
        return update(event.data.escalationId, (i) => ({ ...i, overdueAt: event.data.at }));
    }
  },
};

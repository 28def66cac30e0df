import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { ResponderAvailability, Span } from '../schedule/schedule.types.js';
import type { ResponderEvent, ResponderRegisteredData } from './responder.events.js';
import {
  assertActive,
  decideDeactivate,
  decideUpdate,
  type DeactivateResponder,
  type UpdateResponder,
} from './responder-corrections.js';

export interface Responder extends Omit<ResponderRegisteredData, 'onCallRestricted'>, ResponderAvailability {
  onCallRestricted: boolean;
  unavailability: Array<Span & { spanId: string; end: string; reason: string }>;
  /** The local date (their zone) from which they are deactivated. */
  deactivatedOn?: string;
}

export type ResponderState = Responder | null;

export type ResponderCommand =
  | ({ type: 'RegisterResponder' } & ResponderRegisteredData)
  | { type: 'SetOnCallRestriction'; responderId: string; restricted: boolean; reason: string; now: string }
  | { type: 'MarkUnavailable'; responderId: string; spanId: string; start: string; end: string; reason: string }
  | { type: 'ClearUnavailability'; responderId: string; spanId: string }
  | UpdateResponder
  | DeactivateResponder;

function existing(state: ResponderState, responderId: string): Responder {
  if (!state) throw new NotFoundError('Responder', responderId);
  return state;
}

export const responderDecider: Decider<ResponderCommand, ResponderState, ResponderEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RegisterResponder': {
        if (state) throw new ConflictError(`Responder ${command.responderId} is already registered`);
        const { type: _, ...data } = command;
        return [{ type: 'ResponderRegistered', data }];
      }
      case 'SetOnCallRestriction': {
        const responder = existing(state, command.responderId);
        if (responder.onCallRestricted === command.restricted) return [];
        return [
          {
            type: 'ResponderOnCallRestrictionChanged',
            data: {
              responderId: command.responderId,
              restricted: command.restricted,
              reason: command.reason,
              at: command.now,
            },
          },
        ];
      }
      case 'MarkUnavailable': {
        assertActive(existing(state, command.responderId));
        if (Date.parse(command.end) <= Date.parse(command.start)) {
          throw new BadUserInputError('end', 'end must be after start');
        }
        const { type: _, ...data } = command;
        return [{ type: 'ResponderUnavailabilityMarked', data }];
      }
      case 'ClearUnavailability': {
        const responder = existing(state, command.responderId);
        if (!responder.unavailability.some((span) => span.spanId === command.spanId)) {
          throw new NotFoundError('Unavailable span', command.spanId);
        }
        return [
          {
            type: 'ResponderUnavailabilityCleared',
            data: { responderId: command.responderId, spanId: command.spanId },
          },
        ];
      }
      case 'UpdateResponder':
        return decideUpdate(command, existing(state, command.responderId));
      case 'DeactivateResponder':
        return decideDeactivate(command, existing(state, command.responderId));
      default: {
        const unknown: never = command;
        throw new Error(`Unknown responder command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ResponderRegistered':
        return {
          ...event.data,
          restrictions: event.data.onCallRestricted ? [{ start: new Date(0).toISOString() }] : [],
          unavailability: [],
        };
      case 'ResponderOnCallRestrictionChanged': {
        if (!state) return state;
        const restrictions = event.data.restricted
          ? [...state.restrictions, { start: event.data.at }]
          : state.restrictions.map((span) => (span.end === undefined ? { ...span, end: event.data.at } : span));
        return { ...state, onCallRestricted: event.data.restricted, restrictions };
      }
      case 'ResponderUnavailabilityMarked': {
        if (!state) return state;
        const { responderId: _, ...span } = event.data;
        return { ...state, unavailability: [...state.unavailability, span] };
      }
      case 'ResponderUnavailabilityCleared':
        if (!state) return state;
        return { ...state, unavailability: state.unavailability.filter((s) => s.spanId !== event.data.spanId) };
      case 'ResponderUpdated':
        if (!state) return state;
        return { ...state, ...event.data.changes };
      case 'ResponderDeactivated':
        if (!state) return state;
        return { ...state, deactivatedAt: event.data.effectiveAt, deactivatedOn: event.data.effectiveDate };
    }
  },
};

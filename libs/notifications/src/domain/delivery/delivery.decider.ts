import type { Decider } from '@app/event-store/pure';
import { retryDelayMs, type RetryPolicy } from './backoff.js';
import type { DeliveryEvent, DeliveryFacts } from './delivery.events.js';

export type DeliveryStatus = 'PLANNED' | 'SENDING' | 'RETRYING' | 'DELIVERED' | 'FAILED';

export interface DeliveryState {
  status: DeliveryStatus;
  attempts: number;
  leaseUntil: string | null;
  retryAt: string | null;
  lastError: string | null;
}

export type DeliveryCommand =
  | {
      type: 'StartSend';
      facts: DeliveryFacts;
      at: string;
      leaseUntil: string;
      retry: RetryPolicy;
      /** A fresh id: a repeated id would make two instances' claims both succeed. */
      eventId: string;
    }
  | {
      type: 'RecordOutcome';
      facts: DeliveryFacts;
      attempt: number;
      at: string;
      retry: RetryPolicy;
      outcome: { ok: true; externalId?: string } | { ok: false; error: string; retryable: boolean };
      eventIds: (part: string) => string;
    };

const initial = (): DeliveryState => ({
  status: 'PLANNED',
  attempts: 0,
  leaseUntil: null,
  retryAt: null,
  lastError: null,
});

const plusMs = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();

/**
 * One delivery of one message to one contact method: claimed attempt by attempt, then delivered,
 * retried after a backoff, or failed for good. A claim whose lease has run out (the sender died
 * between the claim and the result) may be claimed again: the receiver sees the same deliveryId.
 */
export const deliveryDecider: Decider<DeliveryCommand, DeliveryState, DeliveryEvent> = {
  initialState: initial,

  decide(command, state): DeliveryEvent[] {
    if (state.status === 'DELIVERED' || state.status === 'FAILED') return [];
    switch (command.type) {
      case 'StartSend': {
        if (state.status === 'SENDING' && state.leaseUntil && command.at < state.leaseUntil) return [];
        if (state.status === 'RETRYING' && state.retryAt && command.at < state.retryAt) return [];
        if (state.attempts >= command.retry.maxAttempts) {
          const error = state.lastError ?? 'no answer after the last attempt';
          return [
            {
              type: 'NotificationFailed',
              id: command.eventId,
              data: { ...command.facts, attempts: state.attempts, error, at: command.at },
            },
          ];
        }
        const data = { ...command.facts, attempt: state.attempts + 1, leaseUntil: command.leaseUntil, at: command.at };
        return [{ type: 'NotificationSendStarted', id: command.eventId, data }];
      }
      case 'RecordOutcome': {
        if (state.status !== 'SENDING' || state.attempts !== command.attempt) return [];
        const { facts, attempt, at, outcome } = command;
        if (outcome.ok) {
          const data = { ...facts, attempt, at, ...(outcome.externalId ? { externalId: outcome.externalId } : {}) };
          return [{ type: 'NotificationDelivered', id: command.eventIds('delivered'), data }];
        }
        const { error, retryable } = outcome;
        if (retryable && attempt < command.retry.maxAttempts) {
          const retryAt = plusMs(at, retryDelayMs(command.retry, facts.deliveryId, attempt));
          return [
            {
              type: 'NotificationAttemptFailed',
              id: command.eventIds('attempt-failed'),
              data: { ...facts, attempt, error, retryable, retryAt, at },
            },
          ];
        }
        return [
          {
            type: 'NotificationAttemptFailed',
            id: command.eventIds('attempt-failed'),
            data: { ...facts, attempt, error, retryable, at },
          },
          {
            type: 'NotificationFailed',
            id: command.eventIds('failed'),
            data: { ...facts, attempts: attempt, error, at },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event): DeliveryState {
    switch (event.type) {
      case 'NotificationSendStarted':
        return { ...state, status: 'SENDING', attempts: event.data.attempt, leaseUntil: event.data.leaseUntil };
      case 'NotificationDelivered':
        return { ...state, status: 'DELIVERED', leaseUntil: null };
      case 'NotificationAttemptFailed':
        return {
          ...state,
          status: 'RETRYING',
          leaseUntil: null,
          retryAt: event.data.retryAt ?? null,
          lastError: event.data.error,
        };
      case 'NotificationFailed':
        return { ...state, status: 'FAILED', leaseUntil: null, lastError: event.data.error };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};

import { deterministicId, type Decider, type DomainEvent } from '@app/event-store/pure';

export type WebhookDeliveryOutcome = 'DELIVERED' | 'RETRYING' | 'FAILED';

export type WebhookDeliveryEvent =
  | DomainEvent<
      'WebhookDeliveryClaimed',
      { deliveryId: string; subscriptionId: string; attempt: number; at: string; leaseUntil: string }
    >
  | DomainEvent<
      'WebhookDeliveryAttempted',
      {
        deliveryId: string;
        subscriptionId: string;
        attempt: number;
        at: string;
        outcome: WebhookDeliveryOutcome;
        statusCode: number | null;
        error: string | null;
        nextAttemptAt: string | null;
      }
    >;

export type WebhookDeliveryCommand =
  | {
      type: 'ClaimAttempt';
      deliveryId: string;
      subscriptionId: string;
      attempt: number;
      at: string;
      leaseUntil: string;
    }
  | ({ type: 'RecordAttempt' } & Extract<WebhookDeliveryEvent, { type: 'WebhookDeliveryAttempted' }>['data']);

export interface WebhookDeliveryState {
  /** Attempts whose outcome is recorded. */
  attempts: number;
  finished: boolean;
  claim: { attempt: number; leaseUntil: string } | null;
}

export const webhookDeliveryStream = (deliveryId: string) => `webhook-delivery-${deliveryId}`;

/**
 * One delivery of one source event to one subscription. An attempt is claimed before it is
 * sent (the claim has a random id, so of two instances claiming at once, the store takes one),
 * and its outcome recorded after. A claim whose holder died expires at `leaseUntil`.
 */
export const webhookDeliveryDecider: Decider<WebhookDeliveryCommand, WebhookDeliveryState, WebhookDeliveryEvent> = {
  initialState: () => ({ attempts: 0, finished: false, claim: null }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'WebhookDeliveryClaimed':
        return { ...state, claim: { attempt: event.data.attempt, leaseUntil: event.data.leaseUntil } };
      case 'WebhookDeliveryAttempted':
        return { attempts: event.data.attempt, finished: event.data.outcome !== 'RETRYING', claim: null };
    }
  },
  decide: (command, state) => {
    if (state.finished) return [];
    switch (command.type) {
      case 'ClaimAttempt': {
        if (command.attempt !== state.attempts + 1) return [];
        if (state.claim && state.claim.leaseUntil > command.at) return [];
        const { type: _, ...data } = command;
        return [{ type: 'WebhookDeliveryClaimed', data }];
      }
      case 'RecordAttempt': {
        if (command.attempt !== state.attempts + 1) return [];
        const { type: _, ...data } = command;
        return [
          {
            type: 'WebhookDeliveryAttempted',
            id: deterministicId(command.deliveryId, 'attempt', String(command.attempt)),
            data,
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

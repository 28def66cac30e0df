import type { DomainEvent } from '@app/event-store/pure';
import type { ContactMethodKind, MessageKind } from '../../channels/notification-channel.js';

/** What a delivery is: the same in every event of its stream, so a subscriber needs no lookup. */
export interface DeliveryFacts {
  deliveryId: string;
  responderId: string;
  contactMethodId: string;
  channel: ContactMethodKind;
  address: string;
  messageKind: MessageKind;
  pageId?: string;
  escalationId?: string;
}

export type DeliveryEvent =
  /** The claim: appended with the revision read, so two instances never send the same attempt. */
  | DomainEvent<'NotificationSendStarted', DeliveryFacts & { attempt: number; leaseUntil: string; at: string }>
  | DomainEvent<'NotificationDelivered', DeliveryFacts & { attempt: number; externalId?: string; at: string }>
  | DomainEvent<
      'NotificationAttemptFailed',
      DeliveryFacts & { attempt: number; error: string; retryable: boolean; retryAt?: string; at: string }
    >
  | DomainEvent<'NotificationFailed', DeliveryFacts & { attempts: number; error: string; at: string }>;

export type DeliveryEventType = DeliveryEvent['type'];

export const DELIVERY_EVENT_TYPES: readonly DeliveryEventType[] = [
  'NotificationSendStarted',
  'NotificationDelivered',
  'NotificationAttemptFailed',
  'NotificationFailed',
];

export const DELIVERY_STREAM_PREFIX = 'notification-delivery-';
export const deliveryStream = (deliveryId: string) => `${DELIVERY_STREAM_PREFIX}${deliveryId}`;

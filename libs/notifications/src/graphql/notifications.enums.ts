import { enumFromList } from '@app/core';
import {
  CONTACT_METHOD_KINDS,
  MESSAGE_KINDS,
  type ContactMethodKind,
  type MessageKind,
} from '../channels/notification-channel.js';
import { NOTIFICATION_STATES, type DeliveryRowStatus } from '../projections/delivery.queries.js';

export const ContactMethodKindValue = enumFromList(CONTACT_METHOD_KINDS, 'ContactMethodKind');
export type ContactMethodKindValue = ContactMethodKind;
export const NotificationStateValue = enumFromList(NOTIFICATION_STATES, 'NotificationState', {
  description: 'PLANNED until due; CANCELLED when the page was answered first',
});
export type NotificationStateValue = DeliveryRowStatus;
export const MessageKindValue = enumFromList(MESSAGE_KINDS, 'MessageKind');
export type MessageKindValue = MessageKind;

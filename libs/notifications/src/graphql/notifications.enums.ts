import { registerEnumType } from '@nestjs/graphql';
import { enumFromList } from '@app/core';
import { NOTIFICATION_STATES, type DeliveryRowStatus } from '../projections/delivery.queries.js';

export enum ContactMethodKindValue {
  EMAIL = 'EMAIL',
  SLACK = 'SLACK',
  TEAMS = 'TEAMS',
  WEBHOOK = 'WEBHOOK',
}

export enum MessageKindValue {
  VERIFICATION = 'VERIFICATION',
  PAGE = 'PAGE',
  PAGE_ESCALATED = 'PAGE_ESCALATED',
  PAGE_ANSWERED = 'PAGE_ANSWERED',
  HANDOVER_WAITING = 'HANDOVER_WAITING',
  ON_CALL_REMINDER = 'ON_CALL_REMINDER',
  RAPID_ACTION_DUE = 'RAPID_ACTION_DUE',
}

registerEnumType(ContactMethodKindValue, { name: 'ContactMethodKind' });
export const NotificationStateValue = enumFromList(NOTIFICATION_STATES, 'NotificationState', {
  description: 'PLANNED until due; CANCELLED when the page was answered first',
});
export type NotificationStateValue = DeliveryRowStatus;
registerEnumType(MessageKindValue, { name: 'MessageKind' });

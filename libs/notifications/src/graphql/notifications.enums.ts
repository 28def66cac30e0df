import { registerEnumType } from '@nestjs/graphql';

export enum ContactMethodKindValue {
  EMAIL = 'EMAIL',
  SLACK = 'SLACK',
  TEAMS = 'TEAMS',
  WEBHOOK = 'WEBHOOK',
}

export enum NotificationStatusValue {
  PLANNED = 'PLANNED',
  SENDING = 'SENDING',
  RETRYING = 'RETRYING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
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
registerEnumType(NotificationStatusValue, {
  name: 'NotificationStatus',
  description: 'PLANNED until due; CANCELLED when the page was answered first',
});
registerEnumType(MessageKindValue, { name: 'MessageKind' });

import type { DomainEvent } from '@app/event-store/pure';

/** "Contact method X, N minutes after a page is still unacknowledged." */
export interface NotificationRule {
  contactMethodId: string;
  delayMinutes: number;
}

export type NotificationRulesEvent = DomainEvent<
  'NotificationRulesSet',
  { responderId: string; rules: NotificationRule[]; at: string; by: string }
>;

export const notificationRulesStream = (responderId: string) => `notification-rules-${responderId}`;

export const MAX_RULE_DELAY_MINUTES = 1440;
export const MAX_RULES = 20;

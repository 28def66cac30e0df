import { BadUserInputError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import {
  MAX_RULE_DELAY_MINUTES,
  MAX_RULES,
  type NotificationRule,
  type NotificationRulesEvent,
} from './notification-rules.events.js';

export type NotificationRulesState = NotificationRule[] | null;

export interface SetNotificationRules {
  type: 'SetNotificationRules';
  responderId: string;
  rules: NotificationRule[];
  /** The responder's verified contact methods when the command is decided. */
  verifiedMethodIds: readonly string[];
  at: string;
  by: string;
}

const sameRules = (a: NotificationRule[], b: NotificationRule[]) =>
  a.length === b.length &&
  a.every((r, i) => r.contactMethodId === b[i].contactMethodId && r.delayMinutes === b[i].delayMinutes);

/** A responder's notification rules, replaced as a whole; an empty list means the default (every verified method at once). */
export const notificationRulesDecider: Decider<SetNotificationRules, NotificationRulesState, NotificationRulesEvent> = {
  initialState: () => null,

  decide(command, state) {
    if (command.rules.length > MAX_RULES) throw new BadUserInputError('rules', `At most ${MAX_RULES} rules`);
    const seen = new Set<string>();
    command.rules.forEach((rule, index) => {
      if (!Number.isInteger(rule.delayMinutes) || rule.delayMinutes < 0 || rule.delayMinutes > MAX_RULE_DELAY_MINUTES) {
        throw new BadUserInputError(
          `rules.${index}.delayMinutes`,
          `A delay is a whole number of minutes from 0 to ${MAX_RULE_DELAY_MINUTES}`,
        );
      }
      if (!command.verifiedMethodIds.includes(rule.contactMethodId)) {
        throw new BadUserInputError(
          `rules.${index}.contactMethodId`,
          `Contact method ${rule.contactMethodId} is not a verified method of this responder`,
        );
      }
      const key = `${rule.contactMethodId}@${rule.delayMinutes}`;
      if (seen.has(key)) throw new BadUserInputError(`rules.${index}`, 'The same rule is listed twice');
      seen.add(key);
    });
    const rules = [...command.rules].sort(
      (a, b) => a.delayMinutes - b.delayMinutes || a.contactMethodId.localeCompare(b.contactMethodId),
    );
    if (state && sameRules(state, rules)) return [];
    const { responderId, at, by } = command;
    return [{ type: 'NotificationRulesSet', data: { responderId, rules, at, by } }];
  },

  evolve: (_state, event) => event.data.rules,
};

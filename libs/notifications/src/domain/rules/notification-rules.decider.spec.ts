import { BadUserInputError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { notificationRulesDecider, type SetNotificationRules } from './notification-rules.decider.js';

const spec = deciderSpecification(notificationRulesDecider);
const at = '2026-07-15T10:00:00.000Z';
const set = (rules: SetNotificationRules['rules']): SetNotificationRules => ({
  type: 'SetNotificationRules',
  responderId: 'ana',
  rules,
  verifiedMethodIds: ['email', 'slack'],
  at,
  by: 'ana',
});

describe('notification rules decider', () => {
  it('sets the rules sorted by delay, and does nothing when they are the same', () => {
    const rules = [
      { contactMethodId: 'slack', delayMinutes: 5 },
      { contactMethodId: 'email', delayMinutes: 0 },
    ];
    const sorted = [rules[1], rules[0]];
    spec
      .given([])
      .when(set(rules))
      .then([{ type: 'NotificationRulesSet', data: { responderId: 'ana', rules: sorted, at, by: 'ana' } }]);
    spec
      .given([{ type: 'NotificationRulesSet', data: { responderId: 'ana', rules: sorted, at, by: 'ana' } }])
      .when(set(rules))
      .then([]);
  });

  it.each([
    [[{ contactMethodId: 'teams', delayMinutes: 0 }], 'rules.0.contactMethodId'],
    [[{ contactMethodId: 'email', delayMinutes: -1 }], 'rules.0.delayMinutes'],
    [[{ contactMethodId: 'email', delayMinutes: 1441 }], 'rules.0.delayMinutes'],
    [[{ contactMethodId: 'email', delayMinutes: 1.5 }], 'rules.0.delayMinutes'],
    [
      [
        { contactMethodId: 'email', delayMinutes: 3 },
        { contactMethodId: 'email', delayMinutes: 3 },
      ],
      'rules.1',
    ],
  ])('refuses %j (field %s)', (rules, field) => {
    spec
      .given([])
      .when(set(rules))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe(field));
  });
});

import { BadUserInputError } from '@app/core/pure';
import { deciderSpecification } from '@app/event-store/testing/pure';
import { escalationPolicyDecider } from './escalation-policy.decider.js';
import { defaultPolicy, type PolicySnapshot } from '../escalation/escalation.types.js';

const spec = deciderSpecification(escalationPolicyDecider);
const set = (policy: PolicySnapshot) => ({
  type: 'SetPolicy' as const,
  policy,
  setBy: 'mona',
  at: '2026-07-15T10:00:00Z',
});

describe('escalation policy decider', () => {
  it('sets a policy, and ignores setting the same one again', () => {
    const policy = defaultPolicy('dev');
    spec
      .given([])
      .when(set(policy))
      .then([{ type: 'EscalationPolicySet', data: { ...policy, setBy: 'mona', at: '2026-07-15T10:00:00Z' } }]);
    spec
      .given([{ type: 'EscalationPolicySet', data: { ...policy, setBy: 'x', at: 'y' } }])
      .when(set(policy))
      .then([]);
  });

  it.each([
    ['no steps', { steps: [] }, 'steps'],
    [
      'a step naming both a rotation and responders',
      { steps: [{ layer: 'RESPONDER', rotationId: 'dev', responderIds: ['a'], ackTimeoutMinutes: 15 }] },
      'steps.0',
    ],
    ['a step naming neither', { steps: [{ layer: 'RESPONDER', ackTimeoutMinutes: 15 }] }, 'steps.0'],
    [
      'a first step that is not the responder layer',
      { steps: [{ layer: 'MANAGER', rotationId: 'm', ackTimeoutMinutes: 15 }] },
      'steps.0.layer',
    ],
  ])('refuses %s', (_, change, field) => {
    spec
      .given([])
      .when(set({ ...defaultPolicy('dev'), ...(change as Partial<PolicySnapshot>) }))
      .thenThrows(BadUserInputError, (e) => expect(e.field).toBe(field));
  });
});

import { BadUserInputError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { PolicySnapshot } from '../escalation/escalation.types.js';
import type { EscalationPolicyEvent } from './escalation-policy.events.js';

export type EscalationPolicyState = PolicySnapshot | null;

export type EscalationPolicyCommand = { type: 'SetPolicy'; policy: PolicySnapshot; setBy: string; at: string };

export const MAX_POLICY_STEPS = 10;

/** Checks what the input types cannot: the shape of the steps. */
function assertValidPolicy(policy: PolicySnapshot): void {
  if (policy.steps.length === 0) throw new BadUserInputError('steps', 'a policy needs at least one step');
  if (policy.steps.length > MAX_POLICY_STEPS) {
    throw new BadUserInputError('steps', `a policy has at most ${MAX_POLICY_STEPS} steps`);
  }
  policy.steps.forEach((step, i) => {
    const hasRotation = step.rotationId !== undefined;
    const hasList = step.responderIds !== undefined && step.responderIds.length > 0;
    if (hasRotation === hasList) {
      throw new BadUserInputError(
        `steps.${i}`,
        'a step pages either a rotation’s on-call responder or listed responders',
      );
    }
  });
  if (policy.steps[0].layer !== 'RESPONDER') {
    throw new BadUserInputError('steps.0.layer', 'the first step pages the responder layer');
  }
}

/** Each rotation's escalation policy: the steps a page climbs when nobody acknowledges it. */
export const escalationPolicyDecider: Decider<EscalationPolicyCommand, EscalationPolicyState, EscalationPolicyEvent> = {
  initialState: () => null,

  decide(command, state) {
    assertValidPolicy(command.policy);
    if (state && JSON.stringify(state) === JSON.stringify(command.policy)) return [];
    return [{ type: 'EscalationPolicySet', data: { ...command.policy, setBy: command.setBy, at: command.at } }];
  },

  evolve(_state, event) {
    const { setBy: _, at: __, ...policy } = event.data;
    return policy;
  },
};

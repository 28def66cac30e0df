import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner, type Decider } from '@app/event-store';
import {
  rapidActionDecider,
  type RapidActionCommand,
  type RapidActionState,
} from '../domain/rapid-action/rapid-action.decider.js';
import { rapidActionStream, type RapidActionEvent } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionAccessPolicy, type RapidActionStep } from '../rapid-action-access.policy.js';

type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;

/** A command on an existing action, without the envelope the writer fills in. */
export type RapidActionChange = DistributiveOmit<RapidActionCommand, 'actor' | 'now'>;

/**
 * Runs a command on a rapid action's stream after asking the access policy, on the very state
 * the command is decided on (and again on each retry), so a concurrent change of DRI or
 * stakeholders cannot slip a refused step through. A refusal appends nothing.
 */
@Injectable()
export class RapidActionWriter {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: RapidActionAccessPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Asks the policy on the action's current state before a handler looks anything else up (a
   * responder named in the command), so a refused caller learns nothing from the answer.
   */
  async assertCan(step: RapidActionStep, rapidActionId: string, context: RequestContext): Promise<void> {
    const state = await this.runner.load(rapidActionStream(rapidActionId), rapidActionDecider);
    this.policy.assertCan(step, context, state, rapidActionId);
  }

  async run(step: RapidActionStep, change: RapidActionChange, context: RequestContext): Promise<void> {
    const policy = this.policy;
    const guarded: Decider<RapidActionCommand, RapidActionState, RapidActionEvent> = {
      ...rapidActionDecider,
      decide(command, state) {
        policy.assertCan(step, context, state, command.rapidActionId);
        return rapidActionDecider.decide(command, state);
      },
    };
    const command = { ...change, actor: context.actor, now: this.clock.now().toISOString() } as RapidActionCommand;
    await this.runner.run(rapidActionStream(change.rapidActionId), guarded, command, context);
  }
}

import { Injectable } from '@nestjs/common';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  requireRole,
  type RequestContext,
  type Role,
} from '@app/core';

/** What access depends on; both the aggregate's state and the read model's documents have it. */
export interface RapidActionAccessFacts {
  confidential: boolean;
  driId: string;
  subDris: ReadonlyArray<{ responderId: string }>;
  stakeholderIds: readonly string[];
}

export type RapidActionRole = 'dri' | 'sub-dri' | 'stakeholder';

/** Every step a caller can take on an existing rapid action, and who may take it. */
const WHO_MAY = {
  revise: ['dri'],
  changeDri: ['dri', 'stakeholder'],
  manageStakeholders: ['dri'],
  manageSubDris: ['dri'],
  editExitCriteria: ['dri'],
  reportExitCriterion: ['dri', 'sub-dri'],
  postUpdate: ['dri', 'sub-dri'],
  resolve: ['dri'],
  wrapUp: ['dri'],
  makePublic: ['dri', 'stakeholder'],
} satisfies Record<string, RapidActionRole[]>;

export type RapidActionStep = keyof typeof WHO_MAY;

/** Token roles that take part in rapid actions at all: viewers only read, integrations only raise escalations. */
const WRITER_ROLES: readonly Role[] = ['admin', 'manager', 'responder'];

/** Steps a token role may take on any action it can see, whether or not its holder is a member. */
const ROLE_MAY: Partial<Record<RapidActionStep, readonly Role[]>> = {
  changeDri: ['admin', 'manager'],
  manageStakeholders: ['admin'],
  manageSubDris: ['admin'],
  makePublic: ['admin'],
};

const REFUSALS: Record<RapidActionStep, string> = {
  revise: 'Only the DRI may revise the problem of a rapid action',
  changeDri: 'Only the DRI or a stakeholder may change the DRI of a rapid action',
  manageStakeholders: 'Only the DRI may change the stakeholders of a rapid action',
  manageSubDris: 'Only the DRI may assign or release sub-DRIs',
  editExitCriteria: 'Only the DRI may add or reword exit criteria',
  reportExitCriterion: 'Only the DRI or a sub-DRI may mark an exit criterion met or unmet',
  postUpdate: 'Only the DRI or a sub-DRI of this rapid action may post its status updates',
  resolve: 'Only the DRI may resolve a rapid action',
  wrapUp: 'Only the DRI may record follow-up actions and the retrospective',
  makePublic: 'Only the DRI or a stakeholder may make a rapid action public',
};

/**
 * Who may see and do what with rapid actions: the one place every command and query asks.
 * The caller is `context.actor` (a responder id, from their token) with the token's role.
 *
 * A confidential action is seen only by its DRI, sub-DRIs and stakeholders, and by admins. To
 * anyone else it does not exist: queries leave it out, and commands on it answer NOT_FOUND,
 * never FORBIDDEN, so that not even its existence leaks.
 */
@Injectable()
export class RapidActionAccessPolicy {
  rolesOf(context: RequestContext, action: RapidActionAccessFacts): RapidActionRole[] {
    const roles: RapidActionRole[] = [];
    if (action.driId === context.actor) roles.push('dri');
    if (action.subDris.some((s) => s.responderId === context.actor)) roles.push('sub-dri');
    if (action.stakeholderIds.includes(context.actor)) roles.push('stakeholder');
    return roles;
  }

  canSee(context: RequestContext, action: RapidActionAccessFacts): boolean {
    if (context.role === 'admin' || context.role === 'system') return true;
    return !action.confidential || this.rolesOf(context, action).length > 0;
  }

  /** Answers the action when the caller may see it; NOT_FOUND otherwise (also when there is none). */
  visible<Action extends RapidActionAccessFacts>(
    context: RequestContext,
    action: Action | null | undefined,
    rapidActionId: string,
  ): Action {
    if (!action || !this.canSee(context, action)) throw new NotFoundError('Rapid action', rapidActionId);
    return action;
  }

  /**
   * FORBIDDEN for token roles that change no rapid action (whatever the id), then NOT_FOUND when the
   * caller may not see the action, then FORBIDDEN when they see it but may not take the step.
   */
  assertCan(
    step: RapidActionStep,
    context: RequestContext,
    action: RapidActionAccessFacts | null,
    rapidActionId: string,
  ): void {
    if (context.role === 'system') return;
    requireRole(context, WRITER_ROLES, 'change rapid actions');
    const seen = this.visible(context, action, rapidActionId);
    if (ROLE_MAY[step]?.includes(context.role)) return;
    const allowed: readonly RapidActionRole[] = WHO_MAY[step];
    if (!this.rolesOf(context, seen).some((role) => allowed.includes(role))) {
      throw new ForbiddenError(REFUSALS[step], { step });
    }
  }

  /** The token-role gate of declaring, asked before the DRI and stakeholders named are looked up. */
  assertCanDeclareAny(context: RequestContext): void {
    requireRole(context, WRITER_ROLES, 'declare rapid actions');
  }

  /** Anyone may declare; a confidential action must name its declarer, or they could not see what they declared. */
  assertCanDeclare(context: RequestContext, draft: RapidActionAccessFacts): void {
    this.assertCanDeclareAny(context);
    if (draft.confidential && !this.canSee(context, draft)) {
      throw new BadUserInputError(
        'stakeholderIds',
        'a confidential rapid action is seen only by its DRI, sub-DRIs and stakeholders: ' +
          'name yourself as its DRI or one of its stakeholders',
      );
    }
  }
}

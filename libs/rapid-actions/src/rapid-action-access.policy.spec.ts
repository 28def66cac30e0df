import { BadUserInputError, ForbiddenError, NotFoundError, type Role } from '@app/core';
import { RapidActionAccessPolicy, type RapidActionAccessFacts } from './rapid-action-access.policy.js';

const policy = new RapidActionAccessPolicy();
const as = (actor: string, role: Role = 'responder') => ({ actor, role, correlationId: 'c' });

const confidential: RapidActionAccessFacts = {
  confidential: true,
  driId: 'dana',
  subDris: [{ responderId: 'sam' }],
  stakeholderIds: ['stella'],
};

describe('rapid action access policy', () => {
  it('shows a confidential action only to its DRI, sub-DRIs and stakeholders', () => {
    for (const member of ['dana', 'sam', 'stella']) expect(policy.canSee(as(member), confidential)).toBe(true);
    expect(policy.canSee(as('stranger'), confidential)).toBe(false);
    expect(policy.canSee(as('stranger'), { ...confidential, confidential: false })).toBe(true);
  });

  it('answers NOT_FOUND to a stranger on a confidential action, FORBIDDEN to a member who may not take the step', () => {
    expect(() => policy.assertCan('postUpdate', as('stranger'), confidential, 'ra')).toThrow(NotFoundError);
    expect(() => policy.assertCan('postUpdate', as('stella'), confidential, 'ra')).toThrow(ForbiddenError);
    expect(() =>
      policy.assertCan('postUpdate', as('stranger'), { ...confidential, confidential: false }, 'ra'),
    ).toThrow(ForbiddenError);
    expect(() => policy.assertCan('postUpdate', as('stranger'), null, 'ra')).toThrow(NotFoundError);
  });

  it('lets each role take its steps', () => {
    expect(() => policy.assertCan('postUpdate', as('sam'), confidential, 'ra')).not.toThrow();
    expect(() => policy.assertCan('reportExitCriterion', as('sam'), confidential, 'ra')).not.toThrow();
    expect(() => policy.assertCan('resolve', as('sam'), confidential, 'ra')).toThrow(ForbiddenError);
    expect(() => policy.assertCan('resolve', as('dana'), confidential, 'ra')).not.toThrow();
    expect(() => policy.assertCan('changeDri', as('stella'), confidential, 'ra')).not.toThrow();
    expect(() => policy.assertCan('manageSubDris', as('stella'), confidential, 'ra')).toThrow(ForbiddenError);
  });

  it('refuses to let someone declare a confidential action they could not see', () => {
    expect(() => policy.assertCanDeclare(as('stranger'), confidential)).toThrow(BadUserInputError);
    expect(() => policy.assertCanDeclare(as('stella'), confidential)).not.toThrow();
    expect(() => policy.assertCanDeclare(as('stranger'), { ...confidential, confidential: false })).not.toThrow();
  });

  it('shows every action to admins, and lets token roles gate what members may do', () => {
    expect(policy.canSee(as('ops', 'admin'), confidential)).toBe(true);
    expect(() =>
      policy.assertCan('changeDri', as('mia', 'manager'), { ...confidential, confidential: false }, 'ra'),
    ).not.toThrow();
    expect(() => policy.assertCan('changeDri', as('mia', 'manager'), confidential, 'ra')).toThrow(NotFoundError);
    expect(() => policy.assertCan('postUpdate', as('dana', 'viewer'), confidential, 'ra')).toThrow(ForbiddenError);
    expect(() => policy.assertCanDeclare(as('dana', 'integration'), confidential)).toThrow(ForbiddenError);
    expect(() => policy.assertCan('postUpdate', as('ops', 'admin'), confidential, 'ra')).toThrow(ForbiddenError);
  });
});

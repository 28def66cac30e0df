import { ForbiddenError, type Role } from '@app/core';
import type { Responder, ScheduleQueries } from '@app/scheduling';
import type { Escalation, Page } from './domain/escalation/escalation.decider.js';
import { EscalationAccessPolicy } from './escalations.policy.js';

const responder = (responderId: string) => ({ responderId, handle: `h-${responderId}`, role: 'engineer' }) as Responder;

const people = [responder('ana'), responder('ben'), responder('mona')];
const schedule = {
  findResponder: (id: string) => people.find((p) => p.responderId === id),
} as unknown as ScheduleQueries;

const policy = new EscalationAccessPolicy(schedule);
const as = (actor: string, role: Role = 'responder') => ({ actor, role, correlationId: 'c' });
const page = { pageId: 'p1', recipients: ['ana'] } as Page;
const escalation = { escalationId: 'e1', driId: 'ben', pages: [page] } as unknown as Escalation;

describe('EscalationAccessPolicy', () => {
  it('finds the acting responder by their token’s subject, and refuses anyone else', () => {
    expect(policy.assertCanActAsResponder(as('ana')).responderId).toBe('ana');
    expect(() => policy.assertCanActAsResponder(as('stranger'))).toThrow(ForbiddenError);
  });

  it('lets only a page’s recipients answer it (not the DRI, not a manager)', () => {
    expect(policy.assertCanAnswerPage(as('ana'), page)).toBe('ana');
    expect(() => policy.assertCanAnswerPage(as('ben'), page)).toThrow(ForbiddenError);
    expect(() => policy.assertCanAnswerPage(as('mona', 'manager'), page)).toThrow(ForbiddenError);
  });

  it('lets the DRI, anyone paged, and managers change an escalation', () => {
    for (const actor of ['ben', 'ana']) expect(policy.assertCanManage(as(actor), escalation).responderId).toBe(actor);
    expect(policy.assertCanManage(as('mona', 'manager'), escalation).responderId).toBe('mona');
    expect(policy.assertCanManage(as('operator:ops', 'admin'), escalation).responderId).toBe('operator:ops');
    const outsider = { ...escalation, pages: [] } as unknown as Escalation;
    expect(() => policy.assertCanManage(as('ana'), outsider)).toThrow(ForbiddenError);
    expect(() => policy.assertCanManage(as('ben', 'viewer'), escalation)).toThrow(ForbiddenError);
  });

  it('keeps the backup pool to managers and configuration to admins', () => {
    expect(() => policy.assertCanPageBackupPool(as('ben'))).toThrow(ForbiddenError);
    expect(policy.assertCanPageBackupPool(as('mona', 'manager')).responderId).toBe('mona');
    expect(() => policy.assertCanConfigure(as('mona', 'manager'))).toThrow(ForbiddenError);
    expect(policy.assertCanConfigure(as('operator:ops', 'admin')).responderId).toBe('operator:ops');
  });

  it('lets integrations raise escalations and nothing else', () => {
    expect(() => policy.assertCanRaise(as('monitoring', 'integration'))).not.toThrow();
    expect(() => policy.assertCanRaise(as('ana', 'viewer'))).toThrow(ForbiddenError);
    expect(() => policy.assertCanAnnotate(as('monitoring', 'integration'))).toThrow(ForbiddenError);
  });

  it('lets responders set their own presence, and managers anyone’s', () => {
    expect(() => policy.assertCanSetPresence(as('ana'), 'ana')).not.toThrow();
    expect(() => policy.assertCanSetPresence(as('ana'), 'ben')).toThrow(ForbiddenError);
    expect(() => policy.assertCanSetPresence(as('mona', 'manager'), 'ben')).not.toThrow();
  });
});

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
    expect(policy.requireResponder(as('ana')).responderId).toBe('ana');
    expect(() => policy.requireResponder(as('stranger'))).toThrow(ForbiddenError);
  });

  it('lets only a page’s recipients answer it (not the DRI, not a manager)', () => {
    expect(policy.mayAnswerPage(as('ana'), page)).toBe('ana');
    expect(() => policy.mayAnswerPage(as('ben'), page)).toThrow(ForbiddenError);
    expect(() => policy.mayAnswerPage(as('mona', 'manager'), page)).toThrow(ForbiddenError);
  });

  it('lets the DRI, anyone paged, and managers change an escalation', () => {
    for (const actor of ['ben', 'ana']) expect(policy.mayManage(as(actor), escalation).responderId).toBe(actor);
    expect(policy.mayManage(as('mona', 'manager'), escalation).responderId).toBe('mona');
    expect(policy.mayManage(as('operator:ops', 'admin'), escalation).responderId).toBe('operator:ops');
    const outsider = { ...escalation, pages: [] } as unknown as Escalation;
    expect(() => policy.mayManage(as('ana'), outsider)).toThrow(ForbiddenError);
    expect(() => policy.mayManage(as('ben', 'viewer'), escalation)).toThrow(ForbiddenError);
  });

  it('keeps the backup pool to managers and configuration to admins', () => {
    expect(() => policy.mayPageBackupPool(as('ben'))).toThrow(ForbiddenError);
    expect(policy.mayPageBackupPool(as('mona', 'manager')).responderId).toBe('mona');
    expect(() => policy.mayConfigure(as('mona', 'manager'))).toThrow(ForbiddenError);
    expect(policy.mayConfigure(as('operator:ops', 'admin')).responderId).toBe('operator:ops');
  });

  it('lets integrations raise escalations and nothing else', () => {
    expect(() => policy.mayRaise(as('monitoring', 'integration'))).not.toThrow();
    expect(() => policy.mayRaise(as('ana', 'viewer'))).toThrow(ForbiddenError);
    expect(() => policy.mayAnnotate(as('monitoring', 'integration'))).toThrow(ForbiddenError);
  });

  it('lets responders set their own presence, and managers anyone’s', () => {
    expect(() => policy.maySetPresence(as('ana'), 'ana')).not.toThrow();
    expect(() => policy.maySetPresence(as('ana'), 'ben')).toThrow(ForbiddenError);
    expect(() => policy.maySetPresence(as('mona', 'manager'), 'ben')).not.toThrow();
  });
});

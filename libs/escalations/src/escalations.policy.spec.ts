import { ForbiddenError } from '@app/core';
import type { Responder, ScheduleQueries } from '@app/scheduling';
import type { Escalation, Page } from './domain/escalation/escalation.decider.js';
import { EscalationAccessPolicy } from './escalations.policy.js';

const responder = (responderId: string, role: Responder['role'] = 'engineer') =>
  ({ responderId, handle: `h-${responderId}`, role }) as Responder;

const people = [responder('ana'), responder('ben'), responder('mona', 'manager'), responder('dora', 'director')];
const schedule = {
  findResponder: (id: string) => people.find((p) => p.responderId === id),
  responderByHandle: (handle: string) => people.find((p) => p.handle === handle),
} as unknown as ScheduleQueries;

const policy = new EscalationAccessPolicy(schedule);
const as = (actor: string) => ({ actor, correlationId: 'c' });
const page = { pageId: 'p1', recipients: ['ana'] } as Page;
const escalation = { escalationId: 'e1', driId: 'ben', pages: [page] } as unknown as Escalation;

describe('EscalationAccessPolicy', () => {
  it('finds the acting responder by id or by handle, and refuses anyone else', () => {
    expect(policy.requireResponder(as('ana')).responderId).toBe('ana');
    expect(policy.requireResponder(as('h-ben')).responderId).toBe('ben');
    expect(() => policy.requireResponder(as('stranger'))).toThrow(ForbiddenError);
  });

  it('lets only a page’s recipients answer it (not the DRI, not a manager)', () => {
    expect(policy.mayAnswerPage(as('ana'), page)).toBe('ana');
    for (const other of ['ben', 'mona']) expect(() => policy.mayAnswerPage(as(other), page)).toThrow(ForbiddenError);
  });

  it('lets the DRI, anyone paged, and managers or directors change an escalation', () => {
    for (const actor of ['ben', 'ana', 'mona', 'dora'])
      expect(policy.mayManage(as(actor), escalation).responderId).toBe(actor);
    const outsider = { ...escalation, pages: [] } as unknown as Escalation;
    expect(() => policy.mayManage(as('ana'), outsider)).toThrow(ForbiddenError);
  });

  it('keeps the backup pool and configuration to managers and directors', () => {
    expect(() => policy.mayPageBackupPool(as('ben'), escalation)).toThrow(ForbiddenError);
    expect(policy.mayPageBackupPool(as('mona'), escalation).responderId).toBe('mona');
    expect(() => policy.mayConfigure(as('ana'))).toThrow(ForbiddenError);
    expect(policy.mayConfigure(as('dora')).responderId).toBe('dora');
  });

  it('lets responders set their own presence, and managers anyone’s', () => {
    expect(() => policy.maySetPresence(as('ana'), 'ana')).not.toThrow();
    expect(() => policy.maySetPresence(as('ana'), 'ben')).toThrow(ForbiddenError);
    expect(() => policy.maySetPresence(as('mona'), 'ben')).not.toThrow();
  });
});

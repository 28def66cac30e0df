import { as, setPolicy, setPresence } from './escalations.fixtures.js';
import { createRotation, registerResponder } from './scheduling.fixtures.js';
import type { TestApp } from './test-app.js';

export interface DevelopmentSetup {
  ids: Record<string, string>;
  devRotation: string;
  managerRotation: string;
}

/**
 * The development escalation rotation: three engineers on call together around the clock (a
 * daily 08:00 Berlin handoff), a shadow, the engineering managers' rotation, and a director.
 * Its policy pages the least recently escalated online engineer on weekdays, then the manager on
 * call after 15 minutes, then the director after 15 more.
 */
export async function setUpDevelopmentEscalation(app: TestApp, prefix = ''): Promise<DevelopmentSetup> {
  const ids: Record<string, string> = {};
  for (const handle of ['dev-a', 'dev-b', 'dev-c', 'dev-shadow']) {
    ids[handle] = await registerResponder(app, {
      handle: prefix + handle,
      team: 'development',
      timeZone: 'Europe/Berlin',
    });
  }
  ids.mgr = await registerResponder(app, { handle: prefix + 'mgr', team: 'development', role: 'MANAGER' });
  ids.director = await registerResponder(app, { handle: prefix + 'director', team: 'development', role: 'DIRECTOR' });
  const devRotation = await createRotation(app, {
    name: `${prefix}Development escalation`,
    team: 'development',
    timeZone: 'Europe/Berlin',
    startDate: '2026-07-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '08:00' }], respondersPerShift: 3 },
    participantIds: [ids['dev-a'], ids['dev-b'], ids['dev-c']],
    shadowIds: [ids['dev-shadow']],
  });
  const managerRotation = await createRotation(app, {
    name: `${prefix}Engineering managers`,
    team: 'development-managers',
    timeZone: 'Europe/Berlin',
    startDate: '2026-07-01',
    pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
    participantIds: [ids.mgr],
  });
  await setPolicy(app, {
    rotationId: devRotation,
    pagingMode: 'LEAST_RECENTLY_ESCALATED_ONLINE',
    ackSloMinutes: 15,
    steps: [
      { layer: 'RESPONDER', rotationId: devRotation, ackTimeoutMinutes: 15 },
      { layer: 'MANAGER', rotationId: managerRotation, ackTimeoutMinutes: 15 },
      { layer: 'DIRECTORS', responderIds: [ids.director], ackTimeoutMinutes: 30 },
    ],
  });
  await setPresence(app, ids['dev-a'], 'ONLINE', prefix + 'dev-a');
  await setPresence(app, ids['dev-b'], 'AWAY', prefix + 'dev-b');
  await setPresence(app, ids['dev-c'], 'ONLINE', prefix + 'dev-c');
  return { ids, devRotation, managerRotation };
}

export const RESOLVE_ESCALATION = `
  mutation Resolve($id: ID!, $note: String) { resolveEscalation(escalationId: $id, note: $note) { id state } }`;

export async function resolveEscalation(app: TestApp, id: string, actor: string) {
  return (await app.ok(RESOLVE_ESCALATION, { id, note: 'fixed' }, as(actor))).resolveEscalation;
}

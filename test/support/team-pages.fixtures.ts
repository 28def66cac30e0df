import { ACKNOWLEDGE, as, raise } from './escalations.fixtures.js';
import { configureHandovers } from './handovers.fixtures.js';
import { declare } from './rapid-actions.fixtures.js';
import { createRotation, registerResponder } from './scheduling.fixtures.js';
import { publishSlots } from './slot-round.fixtures.js';
import type { TestApp } from './test-app.js';

/** Wednesday 8 July 2026, 12:30 in New York: the scenario starts a week before the pages are looked at. */
export const SCENARIO_START = '2026-07-08T16:30:00Z';
/** Wednesday 15 July 2026, 22:00 UTC: AMER 1's shift (12:00-18:00 New York) has just ended. */
export const AFTER_AMER_1 = '2026-07-15T22:00:00Z';
/** After the weekend slot round's deadline (Thursday 16 July, 09:00 New York). */
export const AFTER_SLOT_DEADLINE = '2026-07-16T13:05:00Z';

export type Handle = 'ana' | 'bo' | 'cy' | 'mona';

export interface TeamScenario {
  ids: Record<Handle, string>;
  rotations: { amer1: string; amer2: string };
  emergencyId: string;
  overdueActionId: string;
  confidentialTitle: string;
  roundId: string;
}

const ACK_TO = `mutation Ack($pageId: ID!) { acknowledgePage(pageId: $pageId) { id } }`;

/**
 * A support team over one week: AMER 1 (Ana and Bo by turns, 12:00-18:00 New York) hands over to
 * AMER 2 (Cy); an escalation last week, acknowledged and resolved; an S1 emergency acknowledged by
 * Ana and still open when her shift ends; rapid actions (one overdue, one confidential to Bo); a
 * weekend slot round on AMER 1 (three slots) with Bo volunteered for the first Saturday.
 */
export async function seedTeamScenario(app: TestApp): Promise<TeamScenario> {
  app.clock.set(SCENARIO_START);
  const ids = {} as Record<Handle, string>;
  for (const [handle, name] of [
    ['ana', 'Ana'],
    ['bo', 'Bo'],
    ['cy', 'Cy'],
  ] as const)
    ids[handle] = await registerResponder(app, {
      handle,
      name,
      workingHours: [
        { weekdays: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'], start: '09:00', end: '17:00' },
      ],
    });
  ids.mona = await registerResponder(app, { handle: 'mona', name: 'Mona', role: 'MANAGER', team: 'support-managers' });
  const amer1 = await createRotation(app, {
    name: 'AMER 1',
    startDate: '2026-07-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }], shiftDuration: 'PT6H' },
    driWindows: [{ start: '12:00', end: '14:30' }],
    participantIds: [ids.ana, ids.bo],
  });
  const amer2 = await createRotation(app, {
    name: 'AMER 2',
    startDate: '2026-07-01',
    pattern: { cycle: 'DAILY', handoffs: [{ time: '13:00' }], shiftDuration: 'PT6H' },
    driWindows: [{ start: '14:30', end: '17:30' }],
    participantIds: [ids.cy],
  });
  await configureHandovers(app, { rotationId: amer1, graceMinutes: 30, receivingRotationIds: [amer2] });

  const overdueActionId = (
    await declare(app, ids.mona, { title: 'Search latency', driId: ids.ana, stakeholderIds: [ids.mona] })
  ).id;

  const earlier = await raise(
    app,
    { source: 'CUSTOMER_EMERGENCY', severity: 'S2', title: 'Exports stuck', rotationId: amer1 },
    'support-bot',
  );
  app.clock.advanceMinutes(3);
  await app.ok(ACK_TO, { pageId: earlier.pages.nodes[0].id }, as(earlier.pages.nodes[0].recipients[0].handle));
  await app.ok(
    `mutation($id: ID!) { resolveEscalation(escalationId: $id, note: "Queue drained") { id } }`,
    { id: earlier.id },
    as(earlier.pages.nodes[0].recipients[0].handle),
  );

  await app.advanceClock('2026-07-15T17:00:00Z');
  const emergency = await raise(
    app,
    {
      source: 'CUSTOMER_EMERGENCY',
      severity: 'S1',
      title: 'Self-managed instance down after upgrade',
      rotationId: amer1,
    },
    'support-bot',
  );
  await app.advanceClock('2026-07-15T17:04:00Z');
  await app.ok(ACKNOWLEDGE, { pageId: emergency.pages.nodes[0].id }, as('ana'));
  await app.ok(
    `mutation($input: EscalationNoteInput!) { addEscalationNote(input: $input) { id } }`,
    { input: { escalationId: emergency.id, kind: 'TRIED', text: 'Rolled back the Gitaly upgrade; still failing' } },
    as('ana'),
  );
  await declare(app, ids.mona, { title: 'Import failures', driId: ids.bo });
  const confidentialTitle = 'Token leak in build logs';
  await declare(app, ids.bo, { title: confidentialTitle, driId: ids.bo, confidential: true });

  const round = await publishSlots(await app.as('manager', ids.mona), {
    rotationId: amer1,
    title: 'Weekend of 18 July',
    timeZone: 'America/New_York',
    slots: [
      ['2026-07-18T09:00', '2026-07-18T21:00'],
      ['2026-07-19T09:00', '2026-07-19T21:00'],
      ['2026-07-25T09:00', '2026-07-25T21:00'],
    ],
    deadline: '2026-07-16T09:00',
  });
  await app.ok(
    `mutation($input: SlotVolunteerInput!) { volunteerForSlot(input: $input) { id } }`,
    { input: { roundId: round.id, slotId: round.slots[0].id, responderId: ids.bo } },
    as('bo'),
  );

  await app.advanceClock(AFTER_AMER_1);
  return {
    ids,
    rotations: { amer1, amer2 },
    emergencyId: emergency.id,
    overdueActionId,
    confidentialTitle,
    roundId: round.id,
  };
}

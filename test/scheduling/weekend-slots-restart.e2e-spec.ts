import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/core';
import { DueTaskScheduler } from '@app/event-store';
import { CloseSlotRoundsAtDeadline } from '@app/scheduling';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { SLOT_ROUND, VOLUNTEER, publishSlots } from '../support/slot-round.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DEADLINE = '2026-07-17T10:00:00.000Z';

describe('closing a slot round at its deadline happens once (runs twice, concurrently, across a restart)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slot-round-restart-'));
  const store = { sqlitePath: join(dir, 'events.sqlite'), readModelPath: join(dir, 'read-models.sqlite') };
  let app: TestApp | undefined;
  let roundId: string;

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function recorded(types: string[]) {
    const events = await app!.store.readStream(`slot-round-${roundId}`);
    return events.filter((e) => types.includes(e.type)).map((e) => [e.type, e.id, e.data.responderId]);
  }

  it('records the close once when the scheduler and the step run at the same time', async () => {
    app = await startTestApp({ clock: new ManualClock('2026-07-06T08:00:00Z'), store });
    const ids = await Promise.all(
      ['ana', 'ben', 'cara'].map((handle) => registerResponder(app!, { handle, timeZone: 'UTC' })),
    );
    const rotationId = await createRotation(app, {
      name: 'Weekend',
      timeZone: 'UTC',
      startDate: '2027-01-04',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      participantIds: ids,
    });
    const round = await publishSlots(app, {
      rotationId,
      timeZone: 'UTC',
      slots: [
        ['2026-07-18T00:00', '2026-07-18T12:00'],
        ['2026-07-18T12:00', '2026-07-19T00:00'],
        ['2026-07-19T00:00', '2026-07-19T12:00'],
      ],
      deadline: '2026-07-17T10:00',
    });
    roundId = round.id;
    await app.ok(VOLUNTEER, { input: { roundId, slotId: round.slots[1].id, responderId: ids[1] } });

    const source = app.app.get(CloseSlotRoundsAtDeadline);
    const task = { taskId: `slot-round-deadline:${roundId}`, dueAt: new Date(DEADLINE), roundId };
    app.clock.set(DEADLINE);
    await Promise.all([
      app.app.get(DueTaskScheduler).runDue(),
      source.run(task),
      source.run(task),
      app.advanceClock(DEADLINE),
    ]);
    const assigned = await recorded(['SlotAssigned', 'SlotRoundClosed']);
    expect(assigned).toHaveLength(4);
    expect(assigned.map(([type, , responder]) => [type, responder])).toEqual([
      ['SlotAssigned', ids[1]],
      ['SlotAssigned', ids[0]],
      ['SlotAssigned', ids[2]],
      ['SlotRoundClosed', undefined],
    ]);
  });

  it('assigns nothing more after a restart at the deadline', async () => {
    const before = await recorded(['SlotAssigned', 'SlotRoundClosed']);
    await app!.close();
    app = await startTestApp({ clock: new ManualClock(DEADLINE), store });
    await app.advanceClock('2026-07-17T10:00:01Z');
    await app.app
      .get(CloseSlotRoundsAtDeadline)
      .run({ taskId: `slot-round-deadline:${roundId}`, dueAt: new Date(DEADLINE), roundId });
    expect(await recorded(['SlotAssigned', 'SlotRoundClosed'])).toEqual(before);
    const { slotRound } = await app.ok(SLOT_ROUND, { id: roundId });
    expect(slotRound.closed).toBe(true);
    expect(slotRound.slots.map((s: any) => s.assignee.handle)).toEqual(['ana', 'ben', 'cara']);
  });
});

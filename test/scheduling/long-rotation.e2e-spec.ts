import { randomUUID } from 'node:crypto';
import { ProjectionRunner, type NewEvent } from '@app/event-store';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SCHEDULE_OVERRIDE = `mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`;
const CANCEL_OVERRIDE = `mutation($r: ID!, $o: ID!) { cancelOverride(rotationId: $r, overrideId: $o) { id } }`;
const AUDIT = `query($id: ID!, $after: String) {
  auditTrail(kind: "rotation", id: $id, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { revision type }
  }
}`;
const PAST_OVERRIDES = 2_000;

const metadata = (actor: string) => ({
  actor,
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: '2026-06-01T00:00:00.000Z',
  schemaVersion: 1,
});

/**
 * A rotation with years of overrides behind it: commands on it decide on the whole history (a
 * cancelled override stays cancelled, another instance's writes count, another client's event at
 * the end of its stream is appended after), and its audit trail is paged from the stream.
 */
describe('a rotation with years of overrides (over HTTP)', () => {
  let app: TestApp;
  let rotationId: string;
  let ana: string;
  let ben: string;

  beforeAll(async () => {
    app = await startTestApp();
    app.clock.set('2026-06-01T00:00:00Z');
    ana = await registerResponder(app, { handle: 'long-ana', timeZone: 'Europe/Berlin' });
    ben = await registerResponder(app, { handle: 'long-ben', timeZone: 'Europe/Berlin' });
    rotationId = await createRotation(app, {
      name: 'Years of overrides',
      team: 'support',
      timeZone: 'Europe/Berlin',
      startDate: '2020-01-06',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '10:00' }] },
      participantIds: [ana, ben],
    });
    const past: NewEvent[] = Array.from({ length: PAST_OVERRIDES }, (_, i) => {
      const start = Date.parse('2020-01-07T08:00:00.000Z') + i * 86_400_000;
      return {
        id: randomUUID(),
        type: 'OverrideScheduled',
        data: {
          rotationId,
          overrideId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          responderId: i % 2 ? ana : ben,
          start: new Date(start).toISOString(),
          end: new Date(start + 4 * 3_600_000).toISOString(),
          timeZone: 'Europe/Berlin',
          createdBy: 'test-admin',
        },
        metadata: metadata('test-admin'),
      };
    });
    let position = 0n;
    for (let i = 0; i < past.length; i += 500) {
      ({ position } = await app.store.append(`rotation-${rotationId}`, past.slice(i, i + 500), BigInt(i)));
    }
    await app.app.get(ProjectionRunner).waitFor(position);
  });

  afterAll(() => app.close());

  const override = (day: string) => ({
    rotationId,
    responderId: ana,
    start: `${day}T09:00`,
    end: `${day}T12:00`,
    timeZone: 'Europe/Berlin',
  });

  it('decides each command on the whole history, with writes from elsewhere in between', async () => {
    const old = `00000000-0000-4000-8000-${String(17).padStart(12, '0')}`;
    await app.ok(SCHEDULE_OVERRIDE, { input: override('2026-06-10') });
    await app.ok(CANCEL_OVERRIDE, { r: rotationId, o: old });
    const again = await app.gql(CANCEL_OVERRIDE, { r: rotationId, o: old });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // another instance records an override; another client writes an event of its own
    const elsewhere = randomUUID();
    const head = (await app.store.readStreamWithRevision(`rotation-${rotationId}`)).revision as bigint;
    const { position } = await app.store.append(
      `rotation-${rotationId}`,
      [
        {
          id: randomUUID(),
          type: 'OverrideScheduled',
          data: {
            rotationId,
            overrideId: elsewhere,
            responderId: ben,
            start: '2026-06-20T08:00:00.000Z',
            end: '2026-06-20T12:00:00.000Z',
            timeZone: 'UTC',
            createdBy: 'test-admin',
          },
          metadata: metadata('test-admin'),
        },
        { id: randomUUID(), type: 'order.placed', data: { by: 'another client' }, metadata: metadata('erp') },
      ],
      head,
    );
    await app.app.get(ProjectionRunner).waitFor(position);
    await app.ok(CANCEL_OVERRIDE, { r: rotationId, o: elsewhere });
    await app.ok(SCHEDULE_OVERRIDE, { input: override('2026-06-11') });

    const read = await app.store.readStreamWithRevision(`rotation-${rotationId}`);
    expect(read.revision).toBe(BigInt(PAST_OVERRIDES + 6));
    expect(read.events.slice(-5).map((e) => e.type)).toEqual([
      'OverrideScheduled',
      'OverrideCancelled',
      'OverrideScheduled',
      'OverrideCancelled',
      'OverrideScheduled',
    ]);
  });

  it('pages its audit trail from the stream, a hundred at a time, leaving out the other client’s event', async () => {
    const revisions: number[] = [];
    let after: string | undefined;
    let pages = 0;
    let totalCount = 0;
    do {
      const { auditTrail } = await app.ok(AUDIT, { id: rotationId, after });
      totalCount = auditTrail.totalCount;
      revisions.push(...auditTrail.nodes.map((n: { revision: number }) => n.revision));
      after = auditTrail.pageInfo.hasNextPage ? auditTrail.pageInfo.endCursor : undefined;
      pages += 1;
    } while (after && pages < 100);
    expect(totalCount).toBe(PAST_OVERRIDES + 7);
    expect(revisions).toHaveLength(PAST_OVERRIDES + 6);
    expect(revisions[0]).toBe(0);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(revisions).not.toContain(PAST_OVERRIDES + 4);
    expect(pages).toBe(Math.ceil((PAST_OVERRIDES + 6) / 100));
  });
});

import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type GraphQLClient, type TestApp } from '../support/test-app.js';

const CREATE = `mutation($input: CreateCalendarFeedInput!) {
  createCalendarFeed(input: $input) { id url feed { id state subjectKind responder { id } rotation { id } createdBy { id kind } } }
}`;
const REVOKE = `mutation($id: ID!) { revokeCalendarFeed(id: $id) { id state revokedAt revokedBy { id } } }`;
const SHIFTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  responder(id: $id) { shifts(from: $from, to: $to) { rotation { id name } responder { name } start end } }
}`;
const ROTATION_SHIFTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) {
  rotation(id: $id) { name shifts(from: $from, to: $to) { rotation { id name } responder { name } start end } }
}`;

interface Shift {
  rotation: { id: string; name: string };
  responder: { name: string };
  start: string;
  end: string;
}

/** The shifts as a calendar shows them: one responder's shifts in one rotation that meet are one event. */
function stretches(shifts: Shift[]): Array<{ key: string; start: string; end: string }> {
  const out: Array<{ key: string; start: string; end: string }> = [];
  const sorted = [...shifts].sort((a, b) => a.start.localeCompare(b.start));
  for (const shift of sorted) {
    const key = `${shift.rotation.id}|${shift.responder.name}`;
    const previous = [...out].reverse().find((s) => s.key === key);
    if (previous && previous.end === shift.start) previous.end = shift.end;
    else out.push({ key, start: shift.start, end: shift.end });
  }
  return out;
}

function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text))
    .filter((c): c is VEvent => c?.type === 'VEVENT')
    .sort((a, b) => a.start.getTime() - b.start.getTime() || String(a.summary).localeCompare(String(b.summary)));
}

/** Every event of a feed has an end (DTEND). */
function endOf(event: VEvent): Date {
  if (!event.end) throw new Error(`Event ${event.uid} has no end`);
  return event.end;
}

const asInstants = (events: VEvent[]) =>
  events.map((e) => ({ start: e.start.toISOString(), end: endOf(e).toISOString(), summary: e.summary }));

describe('calendar feeds (over HTTP)', () => {
  let app: TestApp;
  let ana: string;
  let bob: string;
  let carl: string;
  let newYork: string;
  let berlin: string;
  let asAna: GraphQLClient;

  const fetchFeed = (url: string) => request(app.server).get(new URL(url).pathname);

  beforeAll(async () => {
    app = await startTestApp(); // the clock: 2026-07-15T12:00:00Z
    ana = await registerResponder(app, { name: 'Ana', handle: 'cal-ana', timeZone: 'America/New_York' });
    bob = await registerResponder(app, { name: 'Bob', handle: 'cal-bob', timeZone: 'America/New_York' });
    carl = await registerResponder(app, { name: 'Carl', handle: 'cal-carl', timeZone: 'Europe/Berlin' });
    newYork = await createRotation(app, {
      name: 'AMER 1',
      timeZone: 'America/New_York',
      startDate: '2026-06-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '12:00' }] },
      participantIds: [ana, bob],
    });
    berlin = await createRotation(app, {
      name: 'EMEA 1',
      timeZone: 'Europe/Berlin',
      startDate: '2026-06-01',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [ana, carl],
    });
    // Ana also covers Carl's day through the night Berlin falls back (25 hours): her turns on either side join it.
    await app.ok(`mutation($input: ScheduleOverrideInput!) { scheduleOverride(input: $input) { id } }`, {
      input: {
        rotationId: berlin,
        responderId: ana,
        start: '2026-10-24T09:00',
        end: '2026-10-25T09:00',
        timeZone: 'Europe/Berlin',
      },
    });
    asAna = await app.as('responder', ana);
  });

  afterAll(() => app.close());

  it("serves a responder's feed whose events are their shifts, instant for instant, across DST in New York and Berlin", async () => {
    const created = await asAna.ok(CREATE, { input: { responderId: ana } });
    const { url, feed } = created.createCalendarFeed;
    expect(url).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed).toMatchObject({ state: 'ACTIVE', subjectKind: 'RESPONDER', responder: { id: ana }, rotation: null });
    expect(feed.createdBy).toEqual({ id: ana, kind: 'RESPONDER' });

    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    const text = response.text;
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York');
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
    // Ana's New York shift through the night clocks fall back: 12:00 EDT to 12:00 EST, 25 hours
    expect(text).toContain(
      'DTSTART;TZID=America/New_York:20261031T120000\r\nDTEND;TZID=America/New_York:20261101T120000',
    );

    // one month back and twelve ahead of the clock
    const shifts = await app.ok(SHIFTS, { id: ana, from: '2026-06-15T12:00:00.000Z', to: '2027-07-15T12:00:00.000Z' });
    const expected = stretches(shifts.responder.shifts).map((s) => ({
      start: s.start,
      end: s.end,
      summary: `On call: ${s.key.startsWith(newYork) ? 'AMER 1' : 'EMEA 1'}`,
    }));
    const events = eventsOf(text);
    expect(asInstants(events)).toEqual(
      [...expected].sort((a, b) => a.start.localeCompare(b.start) || a.summary.localeCompare(b.summary)),
    );
    expect(events.length).toBeGreaterThan(300);
    const instants = asInstants(events);
    expect(instants).toContainEqual({
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-01T17:00:00.000Z',
      summary: 'On call: AMER 1',
    });
    // on either side of the night New York springs forward: 12:00 EST, then 12:00 EDT
    expect(instants).toContainEqual({
      start: '2027-03-12T17:00:00.000Z',
      end: '2027-03-13T17:00:00.000Z',
      summary: 'On call: AMER 1',
    });
    expect(instants).toContainEqual({
      start: '2027-03-14T16:00:00.000Z',
      end: '2027-03-15T16:00:00.000Z',
      summary: 'On call: AMER 1',
    });
    // her Berlin turn, Carl's day she covers, and her next turn: one event from 09:00 CEST to 09:00 CET
    expect(instants).toContainEqual({
      start: '2026-10-23T07:00:00.000Z',
      end: '2026-10-26T08:00:00.000Z',
      summary: 'On call: EMEA 1',
    });
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('keeps every UID across refreshes, also once the clock has moved on', async () => {
    const { url } = (await asAna.ok(CREATE, { input: { responderId: ana } })).createCalendarFeed;
    const first = eventsOf((await fetchFeed(url)).text);
    const second = eventsOf((await fetchFeed(url)).text);
    expect(second.map((e) => [e.uid, e.start.toISOString(), endOf(e).toISOString()])).toEqual(
      first.map((e) => [e.uid, e.start.toISOString(), endOf(e).toISOString()]),
    );
    app.clock.set('2026-07-20T12:00:00Z');
    try {
      const later = eventsOf((await fetchFeed(url)).text);
      const uidAt = new Map(first.map((e) => [`${e.start.toISOString()}|${e.summary}`, e.uid]));
      const common = later.filter((e) => uidAt.has(`${e.start.toISOString()}|${e.summary}`));
      expect(common.length).toBeGreaterThan(300);
      for (const e of common) expect(e.uid).toBe(uidAt.get(`${e.start.toISOString()}|${e.summary}`));
      expect(later.at(-1)!.start.getTime()).toBeGreaterThan(first.at(-1)!.start.getTime());
    } finally {
      app.clock.set('2026-07-15T12:00:00Z');
    }
  });

  it("serves a rotation's feed to its members, naming who is on call", async () => {
    const asCarl = await app.as('responder', carl);
    const { url, feed } = (await asCarl.ok(CREATE, { input: { rotationId: berlin } })).createCalendarFeed;
    expect(feed).toMatchObject({ subjectKind: 'ROTATION', rotation: { id: berlin }, responder: null });
    const text = (await fetchFeed(url)).text;
    expect(text).toContain('TZID:Europe/Berlin');
    expect(text).not.toContain('TZID:America/New_York');
    const shifts = await app.ok(ROTATION_SHIFTS, {
      id: berlin,
      from: '2026-06-15T12:00:00.000Z',
      to: '2027-07-15T12:00:00.000Z',
    });
    const expected = stretches(shifts.rotation.shifts).map((s) => ({
      start: s.start,
      end: s.end,
      summary: `${s.key.endsWith('|Ana') ? 'Ana' : 'Carl'} on call: EMEA 1`,
    }));
    expect(asInstants(eventsOf(text))).toEqual(
      [...expected].sort((a, b) => a.start.localeCompare(b.start) || a.summary.localeCompare(b.summary)),
    );
    // Berlin springs forward on 2027-03-28: a 09:00 handoff is 08:00Z before and 07:00Z after
    expect(asInstants(eventsOf(text)).map((e) => e.start)).toEqual(
      expect.arrayContaining(['2027-03-27T08:00:00.000Z', '2027-03-28T07:00:00.000Z']),
    );
  });

  it('answers a revoked, unknown or malformed feed with a plain 404, and lists feeds without their URLs', async () => {
    const { id, url } = (await asAna.ok(CREATE, { input: { rotationId: newYork } })).createCalendarFeed;
    expect((await fetchFeed(url)).status).toBe(200);
    const revoked = await asAna.ok(REVOKE, { id });
    expect(revoked.revokeCalendarFeed).toMatchObject({ id, state: 'REVOKED', revokedBy: { id: ana } });
    const gone = await fetchFeed(url);
    expect(gone.status).toBe(404);
    expect(gone.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(gone.text).toMatch(/revoked/);
    const audit = await asAna.ok(
      `query($id: ID!) { auditTrail(kind: "calendar-feed", id: $id) { nodes { type actor { id } } } }`,
      {
        id,
      },
    );
    expect(audit.auditTrail.nodes).toEqual([
      { type: 'CalendarFeedCreated', actor: { id: ana } },
      { type: 'CalendarFeedRevoked', actor: { id: ana } },
    ]);
    const asBob = await app.as('responder', bob);
    const strangers = await asBob.gql(
      `query($id: ID!) { auditTrail(kind: "calendar-feed", id: $id) { nodes { type } } }`,
      {
        id,
      },
    );
    expect(strangers.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    // a second revocation answers the same and records nothing
    const before = await app.store.headPosition();
    expect((await asAna.ok(REVOKE, { id })).revokeCalendarFeed.state).toBe('REVOKED');
    expect(await app.store.headPosition()).toBe(before);

    const token = new URL(url).pathname.slice('/calendar/'.length, -'.ics'.length);
    const unknown = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/calendar/${unknown}.ics`, `/calendar/${token}`, '/calendar/x.ics', '/calendar/%00.ics']) {
      const response = await request(app.server).get(path);
      expect([path, response.status, response.headers['content-type']]).toEqual([
        path,
        404,
        'text/plain; charset=utf-8',
      ]);
    }

    const listed = await asAna.ok(`{ calendarFeeds(first: 100) { totalCount nodes { id state subjectKind } } }`);
    expect(listed.calendarFeeds.nodes).toContainEqual({ id, state: 'REVOKED', subjectKind: 'ROTATION' });
    expect(JSON.stringify(listed)).not.toContain(token);
    const fields = await app.ok(`{ __type(name: "CalendarFeed") { fields { name } } }`);
    expect(fields.__type.fields.map((f: { name: string }) => f.name)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/url|token/i)]),
    );
    // the store keeps the token's hash, never the token
    const stored = JSON.stringify(await app.store.readAll(), (_, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(stored).toContain('CalendarFeedCreated');
    expect(stored).not.toContain(token);
  });

  it("refuses a feed of someone else's shifts, or of a rotation one is no member of, and changes nothing", async () => {
    const asBob = await app.as('responder', bob);
    const before = await app.store.headPosition();
    for (const input of [
      { responderId: ana },
      { rotationId: berlin },
      { rotationId: '00000000-0000-4000-8000-000000000001' },
    ]) {
      const response = await asBob.gql(CREATE, { input });
      expect(response.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
    const { id } = (await asAna.ok(CREATE, { input: { responderId: ana } })).createCalendarFeed;
    const after = await app.store.headPosition();
    expect((await asBob.gql(REVOKE, { id })).errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(await app.store.headPosition()).toBe(after);
    expect(after).not.toBe(before);
    const bobs = await asBob.ok(`{ calendarFeeds { nodes { id } } }`);
    expect(bobs.calendarFeeds.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
  });

  it("stops answering a member's rotation feed once they leave the rotation; an admin's feed goes on", async () => {
    const spare = await createRotation(app, {
      name: 'EMEA spare',
      timeZone: 'Europe/Berlin',
      startDate: '2026-06-01',
      pattern: { cycle: 'WEEKLY', handoffs: [{ weekday: 'MONDAY', time: '09:00' }] },
      participantIds: [bob, carl],
    });
    const asCarl = await app.as('responder', carl);
    const members = (await asCarl.ok(CREATE, { input: { rotationId: spare } })).createCalendarFeed;
    const admins = (await app.ok(CREATE, { input: { rotationId: spare } })).createCalendarFeed;
    expect(admins.feed.createdBy.kind).toBe('OPERATOR');
    expect((await fetchFeed(members.url)).status).toBe(200);
    await app.ok(
      `mutation($input: RotationMembershipInput!) { removeRotationParticipant(input: $input) { rotation { id } } }`,
      { input: { rotationId: spare, responderId: carl } },
    );
    expect((await fetchFeed(members.url)).status).toBe(404);
    const stillServed = await fetchFeed(admins.url);
    expect(stillServed.status).toBe(200);
    expect(eventsOf(stillServed.text).map((e) => e.summary)).toContain('Bob on call: EMEA spare');
  });

  it('answers bad input with BAD_USER_INPUT naming the field', async () => {
    const before = await app.store.headPosition();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'responderId'],
      [{ responderId: ana, rotationId: newYork }, 'rotationId'],
      [{ responderId: 'not-a-uuid' }, 'responderId'],
    ];
    for (const [input, field] of cases) {
      const response = await asAna.gql(CREATE, { input });
      expect(response.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', field]]);
    }
    const unknown = await app.gql(CREATE, { input: { responderId: '00000000-0000-4000-8000-000000000002' } });
    expect(unknown.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    const revokeBad = await asAna.gql(REVOKE, { id: 'nope' });
    expect(revokeBad.errors?.map((e) => [e.extensions.code, e.extensions.field])).toEqual([['BAD_USER_INPUT', 'id']]);
    expect(await app.store.headPosition()).toBe(before);
  });
});

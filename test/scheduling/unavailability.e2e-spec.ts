import { registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARK = `mutation($input: MarkUnavailableInput!) {
  markResponderUnavailable(input: $input) { spanId start end reason responder { id handle } } }`;
const CLEAR = `mutation($r: ID!, $s: ID!) {
  clearResponderUnavailability(responderId: $r, spanId: $s) { spanId start end reason responder { id handle } } }`;
const SPANS = `query($id: ID!) { responder(id: $id) { unavailability { totalCount nodes { spanId } } } }`;

/** Marking and clearing unavailability answer the span they changed, with its responder. */
describe('unavailable spans (over HTTP)', () => {
  let app: TestApp;
  let ines: string;

  beforeAll(async () => {
    app = await startTestApp();
    ines = await registerResponder(app, { handle: 'ines', timeZone: 'Europe/Lisbon' });
  });

  afterAll(() => app.close());

  it('answers the span marked, in the responder’s zone, then the span cleared as it was', async () => {
    const marked = (
      await app.ok(MARK, {
        input: { responderId: ines, start: '2026-08-03T09:00', end: '2026-08-07T18:00', reason: 'conference' },
      })
    ).markResponderUnavailable;
    const span = {
      spanId: expect.any(String),
      start: '2026-08-03T08:00:00.000Z',
      end: '2026-08-07T17:00:00.000Z',
      reason: 'conference',
      responder: { id: ines, handle: 'ines' },
    };
    expect(marked).toEqual(span);
    expect((await app.ok(SPANS, { id: ines })).responder.unavailability).toEqual({
      totalCount: 1,
      nodes: [{ spanId: marked.spanId }],
    });

    const cleared = (await app.ok(CLEAR, { r: ines, s: marked.spanId })).clearResponderUnavailability;
    expect(cleared).toEqual({ ...span, spanId: marked.spanId });
    expect((await app.ok(SPANS, { id: ines })).responder.unavailability.totalCount).toBe(0);

    const again = await app.gql(CLEAR, { r: ines, s: marked.spanId });
    expect(again.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

import { OPEN_ESCALATIONS, RAISE } from '../support/escalations.fixtures.js';
import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** List cursors are signed: one made up or altered is BAD_USER_INPUT on `after`, never another page. */
describe('list cursors (over HTTP)', () => {
  let app: TestApp;
  let cursor: string;

  beforeAll(async () => {
    app = await startTestApp();
    const alice = await registerResponder(app, { handle: 'cursor-alice', timeZone: 'UTC' });
    const rotationId = await createRotation(app, {
      name: 'Cursors',
      timeZone: 'UTC',
      pattern: { cycle: 'DAILY', handoffs: [{ time: '09:00' }] },
      participantIds: [alice],
    });
    for (const title of ['One', 'Two', 'Three']) {
      await app.ok(RAISE, { input: { source: 'SUPPORT', severity: 'S3', title, description: '', rotationId } });
    }
    const first = (await app.ok(OPEN_ESCALATIONS, { first: 1 })).openEscalations;
    expect(first.pageInfo.hasNextPage).toBe(true);
    cursor = first.pageInfo.endCursor;
  });

  afterAll(() => app.close());

  it('pages on with the cursor it gave', async () => {
    const next = (await app.ok(OPEN_ESCALATIONS, { first: 5, after: cursor })).openEscalations;
    expect(next.nodes).toHaveLength(2);
    expect(next.totalCount).toBe(3);
  });

  it.each([
    ['an empty cursor', () => ''],
    ['base64 of [1,2,3]', () => base64url([1, 2, 3])],
    ['an unsigned cursor of the right shape', () => cursor.split('.')[0]],
    ['a flipped character in its content', () => flip(cursor, 3)],
    ['a flipped character in its signature', () => flip(cursor, cursor.length - 2)],
    [
      'its signature on other content',
      () => `${base64url(['S1', '2026-01-01T00:00:00.000Z', 'x'])}.${cursor.split('.')[1]}`,
    ],
    ['a signature with characters outside base64url', () => `${cursor}!`],
    ['an extra part', () => `${cursor}.${cursor.split('.')[1]}`],
  ])('refuses %s with BAD_USER_INPUT on after', async (_, tampered) => {
    for (const query of [
      OPEN_ESCALATIONS,
      `query($after: String) { pagesAwaitingAcknowledgement(after: $after) { totalCount } }`,
    ]) {
      const response = await app.gql(query, { first: 1, after: tampered() });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

import { feedWindow, mergeStretches, stretchUid, type OnCallSpan } from './on-call-stretches.js';

const at = (iso: string) => Date.parse(iso);
const span = (rotationId: string, responderId: string, start: string, end: string): OnCallSpan => ({
  rotationId,
  responderId,
  start: at(start),
  end: at(end),
});

describe('on-call stretches', () => {
  it('joins the spans of one responder in one rotation that meet or overlap', () => {
    const merged = mergeStretches([
      span('r1', 'ana', '2026-07-02T12:00:00Z', '2026-07-03T12:00:00Z'),
      span('r1', 'ana', '2026-07-01T12:00:00Z', '2026-07-02T12:00:00Z'),
      span('r1', 'ana', '2026-07-02T18:00:00Z', '2026-07-03T14:00:00Z'),
      span('r1', 'ana', '2026-07-05T12:00:00Z', '2026-07-06T12:00:00Z'),
    ]);
    expect(merged).toEqual([
      span('r1', 'ana', '2026-07-01T12:00:00Z', '2026-07-03T14:00:00Z'),
      span('r1', 'ana', '2026-07-05T12:00:00Z', '2026-07-06T12:00:00Z'),
    ]);
  });

  it('keeps other responders and other rotations apart, ordered by start', () => {
    const merged = mergeStretches([
      span('r2', 'ana', '2026-07-02T12:00:00Z', '2026-07-03T12:00:00Z'),
      span('r1', 'ana', '2026-07-01T12:00:00Z', '2026-07-02T12:00:00Z'),
      span('r1', 'bob', '2026-07-02T12:00:00Z', '2026-07-03T12:00:00Z'),
    ]);
    expect(merged.map((s) => `${s.rotationId}/${s.responderId}`)).toEqual(['r1/ana', 'r1/bob', 'r2/ana']);
  });

  it('derives the UID from rotation, responder and start, and nothing else', () => {
    const a = span('r1', 'ana', '2026-07-01T12:00:00Z', '2026-07-02T12:00:00Z');
    expect(stretchUid(a)).toBe(stretchUid({ ...a, end: at('2026-07-03T12:00:00Z') }));
    expect(stretchUid(a)).toMatch(/^[0-9a-f-]{36}@incident-coordination$/);
    expect(stretchUid(a)).not.toBe(stretchUid({ ...a, responderId: 'bob' }));
    expect(stretchUid(a)).not.toBe(stretchUid({ ...a, rotationId: 'r2' }));
    expect(stretchUid(a)).not.toBe(stretchUid({ ...a, start: a.start + 1000 }));
  });

  it('reaches one month back and twelve ahead, in calendar months', () => {
    const { from, to } = feedWindow(new Date('2026-03-31T10:00:00Z'));
    expect(from.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(to.toISOString()).toBe('2027-03-31T10:00:00.000Z');
  });
});

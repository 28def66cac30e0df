import { firstBoundary, type OnCallStretch } from './shift-boundaries.js';

const H = 3_600_000;
const stretch = (responderId: string, start: number, end: number): OnCallStretch => ({
  responderId,
  start: start * H,
  end: end * H,
});

describe('firstBoundary', () => {
  it('finds the first end of a stretch after the cursor, with who goes off call', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ben', 8, 16), stretch('cai', 16, 24)];
    expect(firstBoundary(stretches, 0, 24 * H)).toEqual({ at: 8 * H, outgoing: ['ana'] });
    expect(firstBoundary(stretches, 8 * H, 24 * H)).toEqual({ at: 16 * H, outgoing: ['ben'] });
  });

  it('looks only strictly between the two instants', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ben', 8, 16)];
    expect(firstBoundary(stretches, 8 * H, 16 * H)).toBeUndefined();
    expect(firstBoundary(stretches, 0, 8 * H)).toBeUndefined();
  });

  it('is no boundary when the same responder stays on call', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ana', 8, 16), stretch('ben', 16, 24)];
    expect(firstBoundary(stretches, 0, 24 * H)).toEqual({ at: 16 * H, outgoing: ['ana'] });
  });

  it('reports a shift ending with nobody after it (a rotation with no night cover)', () => {
    expect(firstBoundary([stretch('ana', 12, 18), stretch('ana', 36, 42)], 0, 48 * H)).toEqual({
      at: 18 * H,
      outgoing: ['ana'],
    });
  });

  it('lists every responder leaving at once, and only them', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ben', 0, 8), stretch('ben', 8, 16), stretch('cai', 8, 16)];
    expect(firstBoundary(stretches, 0, 16 * H)).toEqual({ at: 8 * H, outgoing: ['ana'] });
  });
});

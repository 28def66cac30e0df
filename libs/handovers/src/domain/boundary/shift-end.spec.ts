import { draftingOpensAt, endOfStretch } from './shift-end.js';

const H = 3_600_000;
const stretch = (responderId: string, start: number, end: number) => ({ responderId, start: start * H, end: end * H });

describe('endOfStretch', () => {
  it('is the end of the stretch the responder is on call in', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ben', 8, 16)];
    expect(endOfStretch(stretches, 'ana', 3 * H)).toBe(8 * H);
    expect(endOfStretch(stretches, 'ben', 8 * H)).toBe(16 * H);
  });

  it('carries over the responder’s next stretch when it starts where the first ends', () => {
    const stretches = [stretch('ana', 8, 16), stretch('ana', 0, 8), stretch('ana', 16, 20), stretch('ben', 20, 24)];
    expect(endOfStretch(stretches, 'ana', 1 * H)).toBe(20 * H);
  });

  it('is undefined for someone not on call at that instant', () => {
    const stretches = [stretch('ana', 0, 8), stretch('ana', 10, 12)];
    expect(endOfStretch(stretches, 'ana', 8 * H)).toBeUndefined();
    expect(endOfStretch(stretches, 'ben', 1 * H)).toBeUndefined();
  });
});

describe('draftingOpensAt', () => {
  it('opens an hour before the shift ends', () => {
    expect(draftingOpensAt(8 * H)).toBe(7 * H);
  });
});

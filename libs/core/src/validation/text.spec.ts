import { findArgumentTextProblem, textProblem } from './text.js';

describe('text rules', () => {
  it.each([
    ['a NUL', 'Ana\u0000'],
    ['a bell', 'Ana\u0007'],
    ['DEL', 'Ana\u007f'],
    ['a C1 control', 'Ana\u0085'],
    ['a right-to-left override', 'Ana\u202e'],
    ['a left-to-right isolate', '\u2066Ana'],
    ['a pop directional isolate', 'Ana\u2069'],
  ])('refuses %s anywhere', (_, value) => {
    expect(textProblem(value)).toMatch(/control characters or bidirectional overrides/);
    expect(textProblem(value, { multiline: true })).toMatch(/control characters/);
  });

  it.each(['', '   ', '\u200b', '\u200b\u200c\u200d', '\ufeff', ' \u200b \n'])('refuses the blank %j', (value) => {
    expect(textProblem(value, { multiline: true })).toBeDefined();
  });

  it('takes line feeds and tabs in multi-line fields only', () => {
    expect(textProblem('first\n\tsecond', { multiline: true })).toBeUndefined();
    expect(textProblem('first\nsecond')).toMatch(/single line/);
    expect(textProblem('tab\there')).toMatch(/single line/);
  });

  it('accepts ordinary text, accents, emoji and right-to-left scripts', () => {
    for (const value of ['Ana', 'José Ñúñez', 'Search is slow 🐢', 'مرحبا', 'a\u200bb'])
      expect(textProblem(value)).toBeUndefined();
  });

  it('accepts a blank value where the field allows one', () => {
    expect(textProblem('', { allowBlank: true })).toBeUndefined();
    expect(textProblem('  ', { allowBlank: true, multiline: true })).toBeUndefined();
    expect(textProblem('\u200b', { allowBlank: true })).toMatch(/blank/);
  });

  it('finds the path of a forbidden character or an overlong string in nested inputs', () => {
    const nested = { name: 'Ana', pattern: { handoffs: [{ time: '09:00' }, { time: '1\u202e' }] } };
    expect(findArgumentTextProblem(nested)?.path).toBe('pattern.handoffs.1.time');
    expect(findArgumentTextProblem('x\u0000')?.path).toBe('');
    expect(findArgumentTextProblem({ name: 'x'.repeat(20_001) })?.problem).toMatch(/at most 20000/);
    expect(findArgumentTextProblem({ name: 'Ana', ok: ['a', 'b'] })).toBeUndefined();
  });
});

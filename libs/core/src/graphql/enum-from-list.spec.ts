import { enumFromList } from './enum-from-list.js';

describe('enumFromList', () => {
  it('names each value by itself by default', () => {
    expect(enumFromList(['S1', 'S2'] as const, 'SpecSeverity')).toEqual({ S1: 'S1', S2: 'S2' });
  });

  it('upper-cases lower-case domain values into GraphQL names and keeps the domain values', () => {
    const kind = enumFromList(['part', 'time-zone'] as const, 'SpecScopeKind', { names: 'upper' });
    expect(kind).toEqual({ PART: 'part', TIME_ZONE: 'time-zone' });
    expect(kind.TIME_ZONE).toBe('time-zone');
  });

  it('refuses two values that would share one GraphQL name', () => {
    expect(() => enumFromList(['a-b', 'a_b'] as const, 'SpecClash', { names: 'upper' })).toThrow(/share/);
  });
});

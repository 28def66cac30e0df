import { deciderSpecification } from '../testing/decider-specification.js';
import { normaliseUniqueKey, uniqueKeyDecider } from './unique-key.decider.js';

const spec = deciderSpecification(uniqueKeyDecider);

describe('unique key decider', () => {
  it('records the first claimant as the owner', () => {
    spec
      .given([])
      .when({ type: 'ClaimUniqueKey', key: 'ana', ownerId: 'r1' })
      .then([{ type: 'UniqueKeyClaimed', data: { key: 'ana', ownerId: 'r1' } }]);
  });

  it('appends nothing for a key already held, and keeps its owner', () => {
    spec
      .given([{ type: 'UniqueKeyClaimed', data: { key: 'ana', ownerId: 'r1' } }])
      .when({ type: 'ClaimUniqueKey', key: 'ana', ownerId: 'r2' })
      .then([]);
    expect(
      uniqueKeyDecider.evolve(
        { key: 'ana', ownerId: 'r1' },
        { type: 'UniqueKeyClaimed', data: { key: 'ana', ownerId: 'r2' } },
      ),
    ).toEqual({ key: 'ana', ownerId: 'r1' });
  });

  it('lets its owner release a key, which may then be claimed again', () => {
    const claimed = { type: 'UniqueKeyClaimed' as const, data: { key: 'ana', ownerId: 'r1' } };
    const released = { type: 'UniqueKeyReleased' as const, data: { key: 'ana', ownerId: 'r1' } };
    spec.given([claimed]).when({ type: 'ReleaseUniqueKey', key: 'ana', ownerId: 'r1' }).then([released]);
    spec
      .given([claimed, released])
      .when({ type: 'ClaimUniqueKey', key: 'ana', ownerId: 'r2' })
      .then([{ type: 'UniqueKeyClaimed', data: { key: 'ana', ownerId: 'r2' } }]);
  });

  it('ignores a release by anyone but the owner', () => {
    spec
      .given([{ type: 'UniqueKeyClaimed', data: { key: 'ana', ownerId: 'r1' } }])
      .when({ type: 'ReleaseUniqueKey', key: 'ana', ownerId: 'r2' })
      .then([]);
    spec.given([]).when({ type: 'ReleaseUniqueKey', key: 'ana', ownerId: 'r1' }).then([]);
  });

  it('compares keys as people read them', () => {
    expect(normaliseUniqueKey('ANA')).toBe(normaliseUniqueKey('ana'));
    expect(normaliseUniqueKey(' Ana ')).toBe('ana');
    // "é" precomposed and as e + combining acute accent are one key
    expect(normaliseUniqueKey('Ren\u00e9')).toBe(normaliseUniqueKey('Rene\u0301'));
  });
});

import type { RapidAction } from './rapid-action.decider.js';
import type { RapidActionUpdateData, SubDriScope } from './rapid-action.events.js';
import { openBlockers } from './open-blockers.js';

const APAC: SubDriScope = { kind: 'time-zone', description: 'APAC' };
const action = { subDris: [{ responderId: 'sam', scope: APAC, assignedAt: '' }] } as unknown as RapidAction;

const update = (date: string, scope: SubDriScope | null, blockers: string | null, postedAt = `${date}T12:00:00Z`) =>
  ({
    updateId: `${date}-${scope?.description ?? 'dri'}-${postedAt}`,
    date,
    scope,
    blockers,
    postedAt,
  }) as RapidActionUpdateData;

describe('open blockers', () => {
  it('are the blockers of the latest update of the whole action and of each current sub-DRI scope', () => {
    const blockers = openBlockers(action, [
      update('2026-07-20', null, 'Waiting for the database team'),
      update('2026-07-21', null, null),
      update('2026-07-21', APAC, 'No access to the APAC cluster'),
      update('2026-07-20', APAC, 'Old APAC blocker'),
    ]);
    expect(blockers).toEqual([
      { scope: APAC, blockers: 'No access to the APAC cluster', date: '2026-07-21', updateId: expect.any(String) },
    ]);
  });

  it('drop the scopes no sub-DRI holds any more', () => {
    const released = { subDris: [] } as unknown as RapidAction;
    expect(openBlockers(released, [update('2026-07-21', APAC, 'x')])).toEqual([]);
    expect(openBlockers(released, [update('2026-07-21', null, 'y')]).map((b) => b.blockers)).toEqual(['y']);
  });
});

import type { RapidActionUpdateData } from './rapid-action.events.js';
import { digestMarkdown, updateMarkdown } from './update-markdown.js';

const update: RapidActionUpdateData = {
  rapidActionId: 'ra',
  updateId: 'u',
  date: '2026-07-20',
  scope: null,
  postedBy: 'dana',
  postedAs: 'dri',
  postedAt: '2026-07-20T15:00:00.000Z',
  progressSinceLastUpdate: 'Deployed the index fix to production.',
  progressExpectedByNextUpdate: 'Measure p95 over a full day.',
  blockers: null,
  praise: 'Thanks to Ana for the profiling.',
  version: 1,
  amendsUpdateId: null,
  updateDueBy: '2026-07-22T04:00:00.000Z',
};

describe('status update Markdown', () => {
  it('follows the handbook: a dated heading, then the four parts', () => {
    expect(updateMarkdown(update)).toBe(
      [
        '**2026-07-20 Update**',
        '**Progress since last update:**',
        'Deployed the index fix to production.',
        '**Progress expected by next update:**',
        'Measure p95 over a full day.',
        '**Blockers:**',
        'None',
        '**Praise:**',
        'Thanks to Ana for the profiling.',
      ].join('\n\n') + '\n',
    );
  });

  it('names a sub-DRI’s scope under the heading', () => {
    const scoped = updateMarkdown({ ...update, scope: { kind: 'time-zone', description: 'APAC' } });
    expect(scoped.split('\n\n').slice(0, 2)).toEqual(['**2026-07-20 Update**', '_Scope: APAC (time zone)_']);
  });

  it('gathers a day’s updates by action in the digest', () => {
    const digest = digestMarkdown('2026-07-20', [
      { title: 'Search latency', severity: 'S1', driName: 'Dana', updates: [update] },
    ]);
    expect(digest).toMatch(
      /^# Rapid actions: updates of 2026-07-20\n\n## Search latency\n\n_S1 · DRI: Dana_\n\n\*\*2026-07-20 Update\*\*/,
    );
    expect(digestMarkdown('2026-07-21', [])).toBe('# Rapid actions: updates of 2026-07-21\n\nNo updates.\n');
  });
});

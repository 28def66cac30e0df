import { formatAge, handoverMarkdown, type HandoverDocument } from './handover-markdown.js';

const base: HandoverDocument = {
  rotationName: 'EMEA',
  timeZone: 'Europe/Berlin',
  at: '2026-01-15T17:00:00.000Z',
  handOverBy: '2026-01-15T17:15:00.000Z',
  outgoing: ['ana'],
  incoming: ['ben', 'cai'],
  items: [],
};

describe('handover Markdown', () => {
  it('says so when nothing is in progress, with times in the rotation’s zone and in UTC', () => {
    expect(handoverMarkdown(base)).toBe(
      [
        '### Handover: EMEA, shift ended 2026-01-15 18:00 GMT+1 (17:00 UTC)',
        '',
        'From @ana to @ben, @cai. Hand over by 2026-01-15 18:15 GMT+1 (17:15 UTC). 0 open escalations.',
        '',
        'Nothing in progress to hand over.',
        '',
      ].join('\n'),
    );
  });

  it('lists each item with its state, DRI, and either the summary or the last note', () => {
    const text = handoverMarkdown({
      ...base,
      items: [
        {
          severity: 'S2',
          title: 'Slow\nclones',
          state: 'MITIGATED',
          ageMinutes: 1500,
          dri: 'ana',
          links: [],
          summary: null,
          acceptedBy: null,
          newDri: null,
          overdue: true,
          lastNote: 'Added a replica',
        },
      ],
    });
    expect(text).toContain('#### 1. [S2] Slow clones');
    expect(text).toContain('- State: mitigated, open 1 d 1 h');
    expect(text).toContain('- DRI: @ana (**not handed over in time**)');
    expect(text).toContain('- No summary written yet\n- Last note: Added a replica');
  });

  it('writes ages in the largest useful units', () => {
    expect([formatAge(7), formatAge(61), formatAge(60 * 24 * 3 + 5)]).toEqual(['7 min', '1 h 1 min', '3 d 0 h']);
  });
});

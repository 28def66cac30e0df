import { choosePage, type Candidate, type StepFacts } from './paging.js';

const person = (responderId: string, overrides: Partial<Candidate> = {}): Candidate => ({
  responderId,
  online: false,
  lastEscalatedAt: null,
  busyWith: null,
  isDri: false,
  ...overrides,
});

function step(overrides: Partial<StepFacts> & Pick<StepFacts, 'step' | 'candidates'>): StepFacts {
  return {
    layer: 'RESPONDER',
    rotationId: 'rotation',
    source: 'ON_CALL',
    shadowIds: [],
    ackTimeoutMinutes: 15,
    ...overrides,
  };
}

const manager = step({ step: 1, layer: 'MANAGER', rotationId: 'managers', candidates: [person('mona')] });

function recipients(facts: StepFacts[], from = 0) {
  const outcome = choosePage(facts, from);
  if ('exhausted' in outcome) throw new Error('expected a page');
  return outcome.page;
}

describe('choosePage', () => {
  it('pages the online candidate escalated to longest ago; never escalated comes first', () => {
    const facts = [
      step({
        step: 0,
        source: 'LEAST_RECENTLY_ESCALATED_ONLINE',
        candidates: [
          person('ana', { online: true, lastEscalatedAt: '2026-07-15T09:00:00Z' }),
          person('ben', { online: false }),
          person('cai', { online: true, lastEscalatedAt: '2026-07-14T09:00:00Z' }),
        ],
      }),
    ];
    const page = recipients(facts);
    expect(page.recipients).toEqual(['cai']);
    expect(page.selection.rule).toBe('LEAST_RECENTLY_ESCALATED_ONLINE');
    expect(page.selection.candidates.map((c) => [c.responderId, c.chosen])).toEqual([
      ['ana', false],
      ['ben', false],
      ['cai', true],
    ]);
    facts[0].candidates.push(person('dee', { online: true }));
    expect(recipients(facts).recipients).toEqual(['dee']);
  });

  it('falls back to the schedule when nobody on call is online', () => {
    const page = recipients([
      step({
        step: 0,
        source: 'LEAST_RECENTLY_ESCALATED_ONLINE',
        candidates: [person('ana'), person('ben', { isDri: true })],
      }),
    ]);
    expect(page).toMatchObject({ recipients: ['ben'], selection: { rule: 'NOBODY_ONLINE_ON_CALL' } });
  });

  it('pages the schedule’s DRI, or the first on call', () => {
    expect(
      recipients([step({ step: 0, candidates: [person('ana'), person('ben', { isDri: true })] })]).recipients,
    ).toEqual(['ben']);
    expect(recipients([step({ step: 0, candidates: [person('ana'), person('ben')] })]).recipients).toEqual(['ana']);
  });

  it('passes over a responder busy with an emergency for a free one', () => {
    const page = recipients([
      step({ step: 0, candidates: [person('ana', { busyWith: 'e1', isDri: true }), person('ben')] }),
      manager,
    ]);
    expect(page).toMatchObject({ step: 0, recipients: ['ben'], skippedSteps: [] });
  });

  it('sends the page to the manager step when every responder is busy with an emergency', () => {
    const page = recipients([step({ step: 0, candidates: [person('ana', { busyWith: 'e1' })] }), manager]);
    expect(page).toMatchObject({
      step: 1,
      layer: 'MANAGER',
      recipients: ['mona'],
      skippedSteps: [{ step: 0, layer: 'RESPONDER', reason: 'RESPONDER_BUSY', busyWith: 'e1' }],
    });
  });

  it('still pages the busy responder when the policy has no manager step', () => {
    expect(recipients([step({ step: 0, candidates: [person('ana', { busyWith: 'e1' })] })]).recipients).toEqual([
      'ana',
    ]);
  });

  it('skips steps with nobody on call, and reports exhaustion past the last step', () => {
    const facts = [step({ step: 0, candidates: [] }), manager];
    expect(recipients(facts)).toMatchObject({
      step: 1,
      skippedSteps: [{ step: 0, layer: 'RESPONDER', reason: 'NOBODY_ON_CALL' }],
    });
    expect(choosePage(facts, 2)).toEqual({ exhausted: true, skippedSteps: [] });
    expect(choosePage([step({ step: 0, candidates: [] })], 0)).toEqual({
      exhausted: true,
      skippedSteps: [{ step: 0, layer: 'RESPONDER', reason: 'NOBODY_ON_CALL' }],
    });
  });

  it('pages listed responders together, and gives shadows a copy', () => {
    const directors = step({
      step: 2,
      layer: 'DIRECTORS',
      rotationId: null,
      source: 'LISTED',
      candidates: [person('dora'), person('dirk')],
    });
    expect(recipients([directors]).recipients).toEqual(['dora', 'dirk']);
    const shadowed = step({ step: 0, candidates: [person('ana')], shadowIds: ['sam', 'ana'] });
    expect(recipients([shadowed]).shadowIds).toEqual(['sam']);
  });
});

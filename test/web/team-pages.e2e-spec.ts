import type { Page } from 'playwright-core';
import {
  AFTER_SLOT_DEADLINE,
  seedTeamScenario,
  type Handle,
  type TeamScenario,
} from '../support/team-pages.fixtures.js';
import { PHONE, startBrowserHarness, type BrowserHarness } from './support/browser.js';
import { contrastFailures } from './support/accessibility.js';

/**
 * The Schedules, Handovers, Rapid actions and Figures pages in Debian's Chromium against the real
 * API (in-memory store, test clock; the browser reads the same clock, in New York).
 */
describe('team pages in a browser', () => {
  let harness: BrowserHarness;
  let scenario: TeamScenario;
  const app = () => harness.app;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    scenario = await seedTeamScenario(harness.app);
  }, 60_000);

  afterAll(() => harness?.close());

  /** Signs in as one of the scenario's people and opens a section through the navigation. */
  async function signedIn(
    handle: Handle,
    section: string,
    viewport?: { width: number; height: number },
  ): Promise<Page> {
    const role = handle === 'mona' ? 'manager' : 'responder';
    const { page } = await harness.signIn(role, scenario.ids[handle], { viewport });
    page.setDefaultTimeout(10_000);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section, exact: true }).click();
    await page.getByRole('heading', { name: section, level: 1 }).waitFor();
    return page;
  }

  /** A screenshot of the page, whose text must meet WCAG 2.1 AA contrast as rendered. */
  async function shot(page: Page, name: string) {
    await harness.screenshot(page, name);
    expect({ name, lowContrast: await contrastFailures(page) }).toEqual({ name, lowContrast: [] });
  }

  it('swaps a shift by clicking it and then the other one in the calendar', async () => {
    const page = await signedIn('ana', 'Schedules');
    await page.getByRole('button', { name: /^Ana, Tue 21 Jul, 12:00 – 18:00/ }).click();
    await page.getByRole('heading', { name: 'Ana', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Swap this shift' }).click();
    await page.getByRole('button', { name: /^Bo, Wed 22 Jul, 12:00 – 18:00/ }).click();
    await page.getByText("Ana takes Bo's shift of Wed 22 Jul, 12:00 – 18:00").waitFor();
    await shot(page, 'schedules-swap');
    await page.getByRole('button', { name: 'Swap the shifts' }).click();
    await page.getByText('Swapped: Ana and Bo traded shifts.').waitFor();
    await page.getByRole('button', { name: /^Bo · swap by Ana, Tue 21 Jul/ }).waitFor();

    const { rotation } = await app().ok(
      `query($id: ID!) { rotation(id: $id) { swaps { nodes { first { responder { handle } shiftStart } second { responder { handle } shiftStart } createdBy { responder { handle } } } } } }`,
      { id: scenario.rotations.amer1 },
    );
    expect(rotation.swaps.nodes).toEqual([
      {
        first: { responder: { handle: 'ana' }, shiftStart: '2026-07-21T16:00:00.000Z' },
        second: { responder: { handle: 'bo' }, shiftStart: '2026-07-22T16:00:00.000Z' },
        createdBy: { responder: { handle: 'ana' } },
      },
    ]);
    await shot(page, 'schedules');
  });

  it('volunteers for a weekend slot and withdraws', async () => {
    const page = await signedIn('ana', 'Schedules');
    const rounds = page.getByRole('region', { name: 'Weekend slot rounds' });
    await rounds.getByRole('button', { name: 'Volunteer for Sat 25 Jul, 09:00 – 21:00' }).click();
    await rounds.getByText(/Sat 25 Jul, 09:00 – 21:00 \(America\/New_York\): Ana, volunteered/).waitFor();
    await rounds.getByRole('button', { name: 'Withdraw me' }).click();
    await rounds.getByRole('button', { name: 'Volunteer for Sat 25 Jul, 09:00 – 21:00' }).waitFor();
    await rounds.getByRole('button', { name: 'Volunteer for Sun 19 Jul, 09:00 – 21:00' }).click();
    await rounds.getByText(/Sun 19 Jul, 09:00 – 21:00 \(America\/New_York\): Ana, volunteered/).waitFor();
    const { slotRound } = await app().ok(`query($id: ID!) { slotRound(id: $id) { slots { volunteer { handle } } } }`, {
      id: scenario.roundId,
    });
    expect(slotRound.slots).toEqual([
      { volunteer: { handle: 'bo' } },
      { volunteer: { handle: 'ana' } },
      { volunteer: null },
    ]);
  });

  it('says in words why a swap is refused, and changes nothing', async () => {
    const page = await signedIn('cy', 'Schedules');
    await page.getByRole('button', { name: /^Ana, Mon 27 Jul, 12:00 – 18:00/ }).click();
    await page.getByRole('button', { name: 'Swap this shift' }).click();
    await page.getByRole('button', { name: /^Bo, Tue 28 Jul, 12:00 – 18:00/ }).click();
    await page.getByRole('button', { name: 'Swap the shifts' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Your role does not allow this.').waitFor();
    await alert.getByText('A responder may only change their own shifts').waitFor();
    await shot(page, 'schedules-refused');
    const { rotation } = await app().ok(`query($id: ID!) { rotation(id: $id) { swaps { totalCount } } }`, {
      id: scenario.rotations.amer1,
    });
    expect(rotation.swaps.totalCount).toBe(1);
  });

  it('covers part of a shift with an override, using the keyboard only', async () => {
    const page = await signedIn('mona', 'Schedules');
    await page.getByRole('button', { name: /^Ana, Thu 23 Jul, 12:00 – 18:00/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ana', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Cover with an override' }).press('Enter');
    const form = page.getByRole('form', { name: 'Schedule an override' });
    expect(await form.getByLabel(/^From/).inputValue()).toBe('2026-07-23T12:00');
    await form.getByLabel('Who covers').selectOption({ label: 'Cy (support)' });
    await form.getByLabel(/^From/).fill('2026-07-23T15:00');
    await form.getByLabel(/^Note/).fill('Ana at the dentist');
    await form.getByRole('button', { name: 'Schedule the override' }).press('Enter');
    await page.getByText('Override scheduled: Cy covers Thu 23 Jul, 15:00 – 18:00 (America/New_York).').waitFor();
    await page.getByRole('button', { name: /^Cy · override by Mona for Ana, Thu 23 Jul, 15:00 – 18:00/ }).waitFor();
    await page.getByRole('button', { name: /^Ana, Thu 23 Jul, 12:00 – 15:00/ }).waitFor();

    const { rotation } = await app().ok(
      `query($id: ID!) { rotation(id: $id) { overrides { nodes { start end note responder { handle } replaces { handle } createdBy { responder { handle } } } } } }`,
      { id: scenario.rotations.amer1 },
    );
    expect(rotation.overrides.nodes).toEqual([
      {
        start: '2026-07-23T19:00:00.000Z',
        end: '2026-07-23T22:00:00.000Z',
        note: 'Ana at the dentist',
        responder: { handle: 'cy' },
        replaces: { handle: 'ana' },
        createdBy: { responder: { handle: 'mona' } },
      },
    ]);
    await shot(page, 'schedules-override');
  });

  it('writes a handover as the outgoing DRI; the incoming sees it without reloading and accepts it', async () => {
    const incoming = await signedIn('cy', 'Handovers');
    await incoming
      .getByRole('region', { name: 'Handed to me' })
      .getByRole('button', { name: /AMER 1: Wed 15 Jul, 18:00/ })
      .click();
    const waiting = incoming.getByRole('article', { name: /Self-managed instance down after upgrade/ });
    await waiting.getByText('No summary written yet.').waitFor();

    const outgoing = await signedIn('ana', 'Handovers');
    await outgoing.getByRole('button', { name: /Wed 15 Jul, 18:00, from Ana to Cy · 1 waiting/ }).click();
    const item = outgoing.getByRole('article', { name: /Self-managed instance down after upgrade/ });
    await item.getByLabel('Where things stand').fill('Instance still down; customer informed at 13:30');
    await item.getByLabel('What was tried').fill('Rolled back Gitaly; restarted Puma');
    await item.getByLabel('Next steps').fill('Check the database migration log');
    await item.getByRole('button', { name: 'Save the summary' }).click();
    await outgoing.getByText('Summary saved for Self-managed instance down after upgrade.').waitFor();
    await shot(outgoing, 'handovers-outgoing');

    // live through handoverItemsChanged, or within the 5 s poll where subscriptions are unavailable
    await waiting.getByText('Check the database migration log').waitFor({ timeout: 15_000 });
    await waiting.getByRole('button', { name: 'Accept' }).click();
    await incoming.getByText('Accepted Self-managed instance down after upgrade.').waitFor();
    await waiting.getByText(/Handed over: accepted by Cy/).waitFor();
    const markdown = await incoming.getByLabel('The handover as Markdown').textContent();
    expect(markdown).toContain('Check the database migration log');
    await incoming.getByRole('button', { name: 'Copy Markdown' }).click();
    await incoming.getByText('Copied.').waitFor();
    await shot(incoming, 'handovers');

    const { escalation } = await app().ok(`query($id: ID!) { escalation(id: $id) { dri { handle } } }`, {
      id: scenario.emergencyId,
    });
    expect(escalation.dri).toEqual({ handle: 'cy' });
  });

  it('lists overdue rapid actions first and posts the DRI’s daily update; a confidential one never reaches others', async () => {
    const page = await signedIn('ana', 'Rapid actions');
    const list = page.getByRole('region', { name: /overdue/ });
    const first = list.getByRole('listitem').first();
    await first.getByText('Search latency').waitFor();
    await first.getByText('Overdue').waitFor();
    await expect(page.getByText(scenario.confidentialTitle).count()).resolves.toBe(0);
    await first.getByRole('button').click();
    await page.getByRole('heading', { name: /Exit criteria: 0 of 2 met/ }).waitFor();
    await page.getByLabel(/Progress since the last update/).fill('Deployed the new search index to production');
    await page.getByLabel('Progress expected by the next update').fill('p95 latency below 600 ms');
    await page.getByLabel(/Blockers/).fill('Waiting for the database team');
    await page.getByRole('button', { name: 'Post the update' }).click();
    await page.getByText('Update posted for 2026-07-15.').waitFor();
    await page
      .getByRole('region', { name: 'Daily digest' })
      .getByText(/Deployed the new search index to production/)
      .first()
      .waitFor();
    await shot(page, 'rapid-actions');

    const { rapidAction } = await app().ok(
      `query($id: ID!) { rapidAction(id: $id) { overdue latestUpdate { progressSinceLastUpdate postedBy { handle } } } }`,
      {
        id: scenario.overdueActionId,
      },
    );
    expect(rapidAction).toEqual({
      overdue: false,
      latestUpdate: {
        progressSinceLastUpdate: 'Deployed the new search index to production',
        postedBy: { handle: 'ana' },
      },
    });
  });

  it('draws the figures: escalations per week against the SLO, on-call hours, weekend slots and the thank-you', async () => {
    await app().advanceClock(AFTER_SLOT_DEADLINE);
    const page = await signedIn('mona', 'Figures');
    await page
      .getByRole('table', { name: 'Escalations and time to acknowledge per week' })
      .getByRole('row', { name: /2026-W29/ })
      .waitFor();
    await page
      .getByRole('table', { name: 'Escalations and time to acknowledge per week' })
      .getByRole('row', { name: /2026-W28/ })
      .waitFor();
    expect(await page.locator('canvas').count()).toBe(3);
    await page.getByRole('table', { name: 'On-call hours per person' }).getByRole('row', { name: /Ana/ }).waitFor();
    await page.getByLabel('Quarter').selectOption('2026-Q3');
    await page.getByRole('table', { name: 'Weekend slots in 2026-Q3' }).getByRole('row', { name: /Bo/ }).waitFor();
    const thanks = await page.getByLabel('The thank-you for 2026-Q3 as Markdown').textContent();
    expect(thanks).toContain('Bo');
    await shot(page, 'figures');

    const phone = await signedIn('mona', 'Schedules', PHONE);
    await phone.getByRole('heading', { name: 'Weekend slot rounds' }).waitFor();
    await phone.getByText('Why this assignment').first().click();
    await phone.getByRole('table', { name: 'Candidates compared' }).first().waitFor();
    await shot(phone, 'schedules-phone');
    for (const section of ['Handovers', 'Rapid actions', 'Figures']) {
      await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section, exact: true }).click();
      await phone.getByRole('heading', { name: section, level: 1 }).waitFor();
      await phone.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
      await shot(phone, `${section.toLowerCase().replace(' ', '-')}-phone`);
    }
  });
});

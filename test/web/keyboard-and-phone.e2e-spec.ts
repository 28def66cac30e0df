import { raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { contrastFailures, focusIndicator, horizontalOverflow, tabTo } from './support/accessibility.js';
import { PHONE, settled, startBrowserHarness, type BrowserHarness } from './support/browser.js';

const PAGES = ['/', '/schedules', '/my-on-call', '/escalations', '/handovers', '/rapid-actions', '/figures'];

/** WCAG 2.1 AA on keyboard use and contrast, and every page at phone width (390 px) without sideways scrolling. */
describe('web: keyboard, contrast and phone width', () => {
  let harness: BrowserHarness;
  let setup: DevelopmentSetup;
  let escalationId: string;
  let pagedId: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { app } = harness;
    app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(app);
    await app.advanceClock('2026-07-15T09:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S1',
      title: 'Payments API returns 500 for every card payment in the EU region since the last deploy',
      rotationId: setup.devRotation,
    });
    escalationId = raised.id;
    pagedId = setup.ids[raised.pages.nodes[0].recipients[0].handle];
  }, 60_000);

  afterAll(() => harness?.close());

  it('signs in, navigates and acknowledges with the keyboard alone, the focus always visible', async () => {
    const { token } = await harness.app.as('responder', pagedId);
    const { page } = await harness.open();
    await page.goto('/');
    await page.getByLabel('API token').waitFor();

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Skip to content');
    expect((await focusIndicator(page)).style).not.toBe('none');
    await tabTo(page, 'API token');
    await page.keyboard.type(token);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await tabTo(page, 'My on-call');
    const indicator = await focusIndicator(page);
    expect(indicator.style).toBe('solid');
    expect(indicator.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'My on-call' }).waitFor();
    // After a navigation the focus is on the new page's main region
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('main');

    await tabTo(page, /^Acknowledge Payments API/);
    expect((await focusIndicator(page)).width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await page.getByText('Acknowledged: you are the DRI.').waitFor();

    await tabTo(page, 'Escalations');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Open escalations' }).waitFor();
    await tabTo(page, 'S1');
    await page.keyboard.press('Space');
    // The filter reaches the address after React has rendered the change.
    await page.waitForURL((url) => url.search === '?severity=S1', { timeout: 5_000 }).catch(() => undefined);
    expect(new URL(page.url()).search).toBe('?severity=S1');
    await tabTo(page, /^Payments API returns 500/);
    await page.keyboard.press('Enter');
    await page.getByTestId('escalation-dri').waitFor();
    await tabTo(page, 'Note');
    await page.keyboard.type('Rolled back the deploy');
    await tabTo(page, 'Add note');
    await page.keyboard.press('Enter');
    await page.getByText('Note added.').waitFor();
    const { escalation } = await harness.app.ok(`query($id: ID!) { escalation(id: $id) { lastNote { text } } }`, {
      id: escalationId,
    });
    expect(escalation.lastNote.text).toBe('Rolled back the deploy');
  });

  it('meets AA contrast on every page', async () => {
    const { page } = await harness.signIn('manager', setup.ids.mgr);
    for (const path of [...PAGES, `/escalations/${escalationId}`]) {
      await page.goto(path);
      await settled(page);
      expect({ path, failures: await contrastFailures(page) }).toEqual({ path, failures: [] });
    }
    const signedOut = await harness.open();
    await signedOut.page.goto('/');
    await signedOut.page.getByLabel('API token').waitFor();
    expect(await contrastFailures(signedOut.page)).toEqual([]);
    // The check finds a faint text when there is one
    await signedOut.page.evaluate(() => {
      const faint = (globalThis as any).document.createElement('p');
      faint.textContent = 'Faint grey on white';
      faint.style.color = '#999999';
      (globalThis as any).document.querySelector('main').append(faint);
    });
    expect(await contrastFailures(signedOut.page)).toEqual([
      {
        text: 'Faint grey on white',
        ratio: 2.85,
        required: 4.5,
        color: 'rgb(153, 153, 153)',
        background: 'rgb(255, 255, 255)',
      },
    ]);
  });

  it('shows every page at 390 px wide without horizontal scrolling', async () => {
    const { page } = await harness.signIn('manager', setup.ids.mgr, { viewport: PHONE });
    for (const path of [...PAGES, `/escalations/${escalationId}`]) {
      await page.goto(path);
      await settled(page);
      expect({ path, overflow: await horizontalOverflow(page) }).toEqual({ path, overflow: 0 });
      const name = path === '/' ? 'now' : path.startsWith('/escalations/') ? 'escalation' : path.slice(1);
      await harness.screenshot(page, `phone-${name}`);
    }
    const signedOut = await harness.open({ viewport: PHONE });
    await signedOut.page.goto('/');
    await signedOut.page.getByLabel('API token').waitFor();
    expect(await horizontalOverflow(signedOut.page)).toBe(0);
    await harness.screenshot(signedOut.page, 'phone-sign-in');
  });
});

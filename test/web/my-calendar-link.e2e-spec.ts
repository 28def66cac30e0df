import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { startBrowserHarness, type BrowserHarness } from './support/browser.js';

/** My on-call: my calendar link (createCalendarFeed), shown once, that serves my shifts until I revoke it. */
describe('web: my calendar link', () => {
  let harness: BrowserHarness;
  let setup: DevelopmentSetup;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    harness.app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(harness.app);
  }, 60_000);

  afterAll(() => harness?.close());

  it('creates a link whose address serves my shifts as iCalendar, and revokes it', async () => {
    const { page } = await harness.signIn('responder', setup.ids['dev-a']);
    await page.getByRole('link', { name: 'My on-call' }).click();
    await page.getByRole('button', { name: 'Create a calendar link' }).click();
    const address = page.getByLabel(/Your calendar address/);
    await address.waitFor();
    const url = new URL(await address.inputValue());
    expect(url.pathname).toMatch(/^\/calendar\/[^/]+\.ics$/);

    const feed = await fetch(new URL(url.pathname, harness.baseUrl));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/text\/calendar/);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('Development escalation');
    await page.getByRole('heading', { name: 'Active calendar links (1)' }).waitFor();
    await harness.screenshot(page, 'my-on-call-calendar');

    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Calendar link revoked: its address no longer works.').waitFor();
    expect(await page.getByLabel(/Your calendar address/).count()).toBe(0);
    expect((await fetch(new URL(url.pathname, harness.baseUrl))).status).toBe(404);
  });
});

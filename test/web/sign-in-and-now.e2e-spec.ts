import { createRotation, registerResponder } from '../support/scheduling.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { startBrowserHarness, type BrowserHarness } from './support/browser.js';

/**
 * Signing in with an API token, and the Now page: who is on call for every rotation, by team, the
 * DRI where the AMER shifts overlap (domain notes: 12-18, 13-19, 14-20 New York, DRI windows
 * 12:00-14:30, 14:30-17:30, 17:30-20:00), times in the viewer's and the rotation's zones.
 */
describe('web: sign in and see who is on call', () => {
  let harness: BrowserHarness;
  let setup: DevelopmentSetup;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { app } = harness;
    app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(app);
    const shifts = [
      { name: 'AMER 1', handoff: '12:00', dri: ['12:00', '14:30'], handle: 'amer1' },
      { name: 'AMER 2', handoff: '13:00', dri: ['14:30', '17:30'], handle: 'amer2' },
      { name: 'AMER 3', handoff: '14:00', dri: ['17:30', '20:00'], handle: 'amer3' },
    ];
    for (const shift of shifts) {
      const responderId = await registerResponder(app, {
        handle: shift.handle,
        team: 'customer-emergency',
        timeZone: 'America/New_York',
      });
      await createRotation(app, {
        name: shift.name,
        team: 'customer-emergency',
        timeZone: 'America/New_York',
        startDate: '2026-07-01',
        pattern: { cycle: 'DAILY', handoffs: [{ time: shift.handoff }], shiftDuration: 'PT6H' },
        driWindows: [{ start: shift.dri[0], end: shift.dri[1] }],
        participantIds: [responderId],
      });
    }
    const { responders } = await app.ok(`{ responders(first: 100) { nodes { handle name } } }`);
    for (const { handle, name } of responders.nodes) names[handle] = name;
    // 18:30Z: 14:30 in New York (AMER 2 holds the DRI window), 20:30 in Berlin
    await app.advanceClock('2026-07-15T18:30:00Z');
  }, 60_000);

  afterAll(() => harness?.close());

  it('refuses a wrong token in words and keeps the form', async () => {
    const { page } = await harness.open();
    await page.goto('/');
    await page.getByLabel('API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /not accepted|invalid|token/i })
      .waitFor();
    expect(await page.getByLabel('API token').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
  });

  it('signs in with an API token and shows every rotation, its people, the DRI and who is unreachable', async () => {
    const { page } = await harness.signIn('responder', setup.ids['dev-a']);
    const card = (name: string) =>
      page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    const dev = card('Development escalation');
    await dev.waitFor();
    for (const handle of ['dev-a', 'dev-b', 'dev-c'])
      expect(await dev.getByText(names[handle], { exact: true }).count()).toBe(1);
    expect(await dev.getByText('Unreachable', { exact: true }).count()).toBe(3);
    expect(await dev.getByText(`Shadowing (paged to learn): ${names['dev-shadow']}`).count()).toBe(1);

    const team = page.getByRole('heading', { name: 'Team customer-emergency' });
    expect(await team.count()).toBe(1);
    const teamDri = page.locator('.team-dri');
    expect(await teamDri.innerText()).toBe(`DRI Where shifts overlap, the DRI is ${names.amer2} (AMER 2).`);
    for (const rotation of ['AMER 1', 'AMER 2', 'AMER 3']) await card(rotation).waitFor();
    expect(await card('AMER 2').getByText('DRI', { exact: true }).count()).toBeGreaterThan(0);
    expect(await card('AMER 1').getByText('DRI', { exact: true }).count()).toBe(0);

    // The browser is in New York: Berlin times show both zones, New York ones only the viewer's
    const devStart = await dev.locator('time').first().innerText();
    expect(devStart).toMatch(/02:00 your time \(America\/New_York\) · Wed 15 Jul, 08:00 Europe\/Berlin/);
    const amerStart = await card('AMER 2').locator('time').first().innerText();
    expect(amerStart).toMatch(/Wed 15 Jul, 13:00 your time \(America\/New_York\)$/);

    const unreachable = page.getByRole('note').filter({ hasText: 'Cannot be reached' });
    for (const handle of ['dev-a', 'amer1', 'amer2', 'amer3'])
      expect(await unreachable.getByText(names[handle], { exact: false }).count()).toBeGreaterThan(0);
    await harness.screenshot(page, 'now');
  });
});

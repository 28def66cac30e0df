import { raise } from '../support/escalations.fixtures.js';
import { setUpDevelopmentEscalation, type DevelopmentSetup } from '../support/escalation-scenarios.js';
import { startBrowserHarness, type BrowserHarness } from './support/browser.js';

/**
 * My on-call and Escalations in the browser: the paged responder acknowledges from My on-call
 * while a manager watches the escalation in a second browser context change without a reload;
 * then notes, reassigning and the backup pool on one escalation.
 */
describe('web: acknowledge a page and watch the escalation change live', () => {
  let harness: BrowserHarness;
  let setup: DevelopmentSetup;
  let escalationId: string;
  let paged: { id: string; handle: string };
  const names: Record<string, string> = {};

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const { app } = harness;
    app.clock.set('2026-07-15T07:00:00Z');
    setup = await setUpDevelopmentEscalation(app);
    await app.advanceClock('2026-07-15T09:00:00Z');
    const raised = await raise(app, {
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      title: 'Checkout latency above 2 s',
      rotationId: setup.devRotation,
    });
    escalationId = raised.id;
    const handle = raised.pages.nodes[0].recipients[0].handle as string;
    paged = { handle, id: setup.ids[handle] };
    const { responders } = await app.ok(`{ responders(first: 100) { nodes { handle name } } }`);
    for (const responder of responders.nodes) names[responder.handle] = responder.name;
    await app.advanceClock('2026-07-15T09:02:00Z');
  }, 60_000);

  afterAll(() => harness?.close());

  it('the paged responder acknowledges on My on-call; the manager’s open escalation shows the new DRI without a reload', async () => {
    const manager = await harness.signIn('manager', setup.ids.mgr);
    await manager.page.goto(`/escalations/${escalationId}`);
    const dri = manager.page.getByTestId('escalation-dri');
    await dri.getByText('Nobody yet').waitFor();
    await manager.page.getByRole('heading', { name: 'Waiting for an acknowledgement' }).waitFor();

    const responder = await harness.signIn('responder', paged.id);
    await responder.page.getByRole('link', { name: 'My on-call' }).click();
    const card = responder.page.getByRole('listitem').filter({ hasText: 'Checkout latency above 2 s' });
    await card.getByRole('button', { name: 'Acknowledge Checkout latency above 2 s' }).waitFor();
    await harness.screenshot(responder.page, 'my-on-call');
    await card.getByRole('button', { name: 'Acknowledge Checkout latency above 2 s' }).click();
    await responder.page.getByText('Acknowledged: you are the DRI.').waitFor();

    // The other context never reloads: the escalation changes on its own (live, or its refetch)
    await dri.getByText(names[paged.handle]).waitFor({ timeout: 15_000 });
    expect(await manager.page.getByRole('heading', { name: 'Waiting for an acknowledgement' }).count()).toBe(0);
    await manager.page.getByText(`acknowledged`, { exact: true }).first().waitFor();

    const { escalation } = await harness.app.ok(`query($id: ID!) { escalation(id: $id) { state dri { handle } } }`, {
      id: escalationId,
    });
    expect(escalation).toEqual({ state: 'ACKNOWLEDGED', dri: { handle: paged.handle } });

    // Resolving the page: from the escalations the responder is DRI for to the escalation itself
    const driOf = responder.page.getByRole('region', { name: /Escalations you are DRI for/ });
    await driOf.getByRole('link', { name: 'Checkout latency above 2 s' }).click();
    await responder.page.getByRole('button', { name: 'Resolve your page' }).click();
    await responder.page.getByText('Page resolved').waitFor();
    const pages = await harness.app.ok(`query($id: ID!) { escalation(id: $id) { state pages { nodes { state } } } }`, {
      id: escalationId,
    });
    expect(pages.escalation.pages.nodes[0].state).toBe('RESOLVED');
  });

  it('lists open escalations with filters kept in the address', async () => {
    const { page } = await harness.signIn('manager', setup.ids.mgr);
    await page.getByRole('link', { name: 'Escalations' }).click();
    await page.getByRole('link', { name: 'Checkout latency above 2 s' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 open escalation' }).waitFor();
    await harness.screenshot(page, 'escalations');
    await page.getByLabel('S1').check();
    await page.getByRole('status').filter({ hasText: 'No open escalation matches.' }).waitFor();
    expect(new URL(page.url()).search).toBe('?severity=S1');
    await page.getByLabel('S2').check();
    await page.getByRole('link', { name: 'Checkout latency above 2 s' }).waitFor();
    expect(new URL(page.url()).search).toBe('?severity=S1%2CS2');
    await page.reload();
    expect(await page.getByLabel('S1').isChecked()).toBe(true);
    await page.getByRole('link', { name: 'Checkout latency above 2 s' }).waitFor();
  });

  it('adds a note, reassigns, and shows managers the backup pool; a refusal is shown in words', async () => {
    const { page } = await harness.signIn('manager', setup.ids.mgr);
    await page.goto(`/escalations/${escalationId}`);
    await page.getByRole('heading', { name: 'Backup pool' }).waitFor();
    await page.getByText('This rotation’s policy names no backup pool.').waitFor();

    await page.getByLabel('Kind').selectOption('TRIED');
    await page.getByLabel('Note', { exact: true }).fill('Restarted the checkout pods');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added.').waitFor();
    await page
      .getByRole('region', { name: /Notes \(1\)/ })
      .getByText('Restarted the checkout pods')
      .waitFor();

    const other = paged.handle === 'dev-c' ? 'dev-a' : 'dev-c';
    await page.getByLabel('New DRI').selectOption({ label: `${names[other]} (development)` });
    await page.getByRole('button', { name: 'Reassign' }).click();
    await page.getByText(`Reassigned: ${names[other]} is the DRI.`).waitFor();
    await page.getByTestId('escalation-dri').getByText(names[other]).waitFor();
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByText(/Restarted the checkout pods/)
      .waitFor();
    await harness.screenshot(page, 'escalation');

    // A responder may not reassign someone else's escalation: the refusal comes back in words
    const bystander = paged.handle === 'dev-b' ? 'dev-a' : 'dev-b';
    const viewer = await harness.signIn('responder', setup.ids[bystander]);
    await viewer.page.goto(`/escalations/${escalationId}`);
    expect(await viewer.page.getByRole('heading', { name: 'Backup pool' }).count()).toBe(0);
    await viewer.page.getByLabel('New DRI').selectOption({ label: `${names[bystander]} (development)` });
    await viewer.page.getByRole('button', { name: 'Reassign' }).click();
    const alert = viewer.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/Your role does not allow this|cannot be done/);
  });

  it('says in words when an escalation does not exist', async () => {
    const { page } = await harness.signIn('responder', setup.ids['dev-b']);
    await page.goto('/escalations/7d0c6c2e-8f39-4a51-9d62-0a3a0e6f1b11');
    await page.getByRole('alert').getByText('This does not exist, or you may not see it.').waitFor();
  });
});

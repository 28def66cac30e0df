import { chromium, type Browser, type Page } from 'playwright-core';
import { lowContrastText } from './support/text-contrast.js';

/** The contrast audit the browser tests run on every screenshot finds what WCAG 2.1 AA refuses, and only that. */
// The harness's own path (support/browser.ts), without loading the application it also starts
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the text contrast audit', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
  });

  afterAll(() => browser?.close());

  it('reports grey on white, light text on a translucent layer, and passes what meets AA', async () => {
    await page.setContent(`
      <p style="color:#767676">AA grey</p>
      <p style="color:#999">too light</p>
      <div style="background:#1f5fbf"><span style="color:#fff">white on blue</span></div>
      <div style="background:#000"><div style="background:rgba(255,255,255,0.8)"><span style="color:#bbb">light on washed black</span></div></div>
      <p style="color:#949494;font-size:24px">large grey</p>
      <button disabled style="color:#aaa">inactive</button>
      <p style="color:#999;display:none">hidden</p>`);
    const found = await lowContrastText(page);
    expect(found.map((f) => f.text)).toEqual(['too light', 'light on washed black']);
    expect(found[0]).toEqual({
      text: 'too light',
      ratio: 2.85,
      color: 'rgb(153, 153, 153)',
      background: 'rgb(255, 255, 255)',
    });
  });
});

import type { Page } from 'playwright-core';

// These helpers run in the page (page.evaluate); the test project has no DOM types.
declare const document: any;
declare const window: any;
declare const getComputedStyle: (element: any) => any;
declare const NodeFilter: { SHOW_TEXT: number };
type HTMLElement = any;
type Element = any;

/** Presses Tab until the focused element's accessible text matches `name` (at most `limit` presses). */
export async function tabTo(page: Page, name: string | RegExp, limit = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return '';
      const label = element.getAttribute('aria-label');
      const labelled = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
      const wrapping = element.closest('label')?.textContent;
      return (label ?? labelled ?? wrapping ?? element.innerText ?? element.textContent ?? '').trim();
    });
    seen.push(focused);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached "${name}"; focus went through: ${seen.join(' | ')}`);
}

/** The focused element draws a visible focus indicator: an outline at least 2 px wide. */
export async function focusIndicator(page: Page): Promise<{ style: string; width: number; color: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
}

export interface ContrastFailure {
  text: string;
  ratio: number;
  required: number;
  color: string;
  background: string;
}

/**
 * WCAG 2.1 contrast (1.4.3, AA) of every visible text on the page: the text colour against the
 * first opaque background behind it; 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
 */
export async function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(() => {
    const parse = (value: string) => {
      const match = /rgba?\(([^)]+)\)/.exec(value);
      if (!match) return [0, 0, 0, 0];
      const parts = match[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => {
        const s = value / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const backgroundOf = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color[3]! >= 0.99) return color;
      }
      return [255, 255, 255, 1];
    };
    const failures: ContrastFailure[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text: string | undefined = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (
        rect.width === 0 ||
        rect.height === 0 ||
        style.visibility === 'hidden' ||
        element.closest('[aria-hidden="true"]')
      )
        continue;
      if (element.closest('.visually-hidden, .skip-link:not(:focus)')) continue;
      const color = parse(style.color);
      const background = backgroundOf(element);
      const [light, dark] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const required = large ? 3 : 4.5;
      if (ratio < required)
        failures.push({
          text: text.slice(0, 60),
          ratio: Math.round(ratio * 100) / 100,
          required,
          color: style.color,
          background: `rgb(${background.slice(0, 3).join(', ')})`,
        });
    }
    return failures;
  });
}

/** How far the page is wider than the window (0: no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

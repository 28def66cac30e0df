import type { Page } from 'playwright-core';

export interface LowContrastText {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Runs in the page: every visible, enabled element with text of its own, its colour composited
 * over the backgrounds behind it (up to the first opaque one, white at the root), and the WCAG 2.1
 * contrast ratio; answers those under AA (4.5:1, or 3:1 for large text: 24 px, or 18.66 px bold).
 * Text over a background image is left out (its contrast cannot be computed from styles).
 */
const AUDIT = `(() => {
  const parse = (value) => {
    const m = /^rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)$/.exec(value);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage && style.backgroundImage !== 'none') return null;
      const colour = parse(style.backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const found = [];
  for (const element of document.body.querySelectorAll('*')) {
    const own = [...element.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    if (!own) continue;
    if (element.closest('[disabled], [aria-hidden="true"], .skip-link')) continue;
    const style = getComputedStyle(element);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0 || element.getClientRects().length === 0) continue;
    const background = backgroundOf(element);
    const colour = parse(style.color);
    if (!background || !colour) continue;
    const fg = over(colour, background);
    const [l1, l2] = [luminance(fg), luminance(background)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) found.push({ text: own.slice(0, 60), ratio: Math.round(ratio * 100) / 100, color: style.color, background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')' });
  }
  return found;
})()`;

/** Text on the page below WCAG 2.1 AA contrast (1.4.3), as the browser renders it now. */
export function lowContrastText(page: Page): Promise<LowContrastText[]> {
  return page.evaluate(AUDIT) as Promise<LowContrastText[]>;
}

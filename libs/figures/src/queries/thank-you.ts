import type { WeekendSlotCount } from './on-call-figures.query.js';

const HOUR_MS = 3_600_000;

/**
 * The quarterly thank-you to everyone who took weekend slots, ready to paste into the thanks
 * channel. It lists each person with their count; the person posting adds their own words.
 */
export function thankYouMarkdown(quarter: string, people: WeekendSlotCount[]): string {
  if (people.length === 0) return `### Weekend on-call, ${quarter}\n\nNobody took a weekend slot in ${quarter}.\n`;
  const slots = people.reduce((sum, p) => sum + p.slots.length, 0);
  const ms = people.reduce((sum, p) => sum + p.slots.reduce((s, slot) => s + slot.end - slot.start, 0), 0);
  const lines = people.map(
    (p) => `- @${p.responder.handle} (${p.responder.name}): ${p.slots.length} ${plural(p.slots.length, 'slot')}`,
  );
  return [
    `### Thank you for covering weekends in ${quarter}`,
    '',
    `These people kept weekend on-call covered in ${quarter}:`,
    '',
    ...lines,
    '',
    `${people.length} ${plural(people.length, 'person', 'people')} took ${slots} weekend ${plural(slots, 'slot')} ` +
      `(${formatHours(ms)} on call). Thank you all!`,
    '',
  ].join('\n');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function formatHours(ms: number): string {
  const hours = Math.round((ms / HOUR_MS) * 10) / 10;
  return `${hours} ${plural(hours, 'hour')}`;
}

import { DateTime } from 'luxon';

/** What the Markdown needs, already resolved to names (a pure function, tested on its own). */
export interface HandoverDocument {
  rotationName: string;
  timeZone: string;
  at: string;
  handOverBy: string;
  outgoing: string[];
  incoming: string[];
  items: Array<{
    severity: string;
    title: string;
    state: string;
    ageMinutes: number;
    dri: string | null;
    links: string[];
    summary: { status: string; tried: string; nextSteps: string; author: string } | null;
    acceptedBy: string | null;
    newDri: string | null;
    overdue: boolean;
    lastNote: string | null;
  }>;
}

function when(iso: string, zone: string): string {
  const local = DateTime.fromISO(iso, { zone });
  const utc = DateTime.fromISO(iso, { zone: 'utc' });
  return `${local.toFormat('yyyy-LL-dd HH:mm')} ${local.offsetNameShort ?? zone} (${utc.toFormat('HH:mm')} UTC)`;
}

export function formatAge(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${rest} min`;
  return `${rest} min`;
}

const handles = (names: string[]) => (names.length ? names.map((n) => `@${n}`).join(', ') : 'nobody');
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const lower = (value: string) => value.toLowerCase().replaceAll('_', ' ');

/** The handover at a shift's end, ready to paste into a chat thread or a ticket. */
export function handoverMarkdown(doc: HandoverDocument): string {
  const lines = [
    `### Handover: ${doc.rotationName}, shift ended ${when(doc.at, doc.timeZone)}`,
    '',
    `From ${handles(doc.outgoing)} to ${handles(doc.incoming)}. ` +
      `Hand over by ${when(doc.handOverBy, doc.timeZone)}. ` +
      `${doc.items.length} open escalation${doc.items.length === 1 ? '' : 's'}.`,
  ];
  if (doc.items.length === 0) lines.push('', 'Nothing in progress to hand over.');
  doc.items.forEach((item, index) => {
    lines.push('', `#### ${index + 1}. [${item.severity}] ${oneLine(item.title)}`);
    lines.push(`- State: ${lower(item.state)}, open ${formatAge(item.ageMinutes)}`);
    const handedOver = item.acceptedBy
      ? `handed over: accepted by @${item.acceptedBy}, DRI now @${item.newDri}`
      : item.overdue
        ? '**not handed over in time**'
        : 'waiting to be accepted';
    lines.push(`- DRI: ${item.dri ? `@${item.dri}` : 'none'} (${handedOver})`);
    if (item.summary) {
      lines.push(`- Status: ${oneLine(item.summary.status)}`);
      lines.push(`- Tried: ${oneLine(item.summary.tried)}`);
      lines.push(`- Next steps: ${oneLine(item.summary.nextSteps)}`);
      lines.push(`- Summary by: @${item.summary.author}`);
    } else {
      lines.push('- No summary written yet');
      if (item.lastNote) lines.push(`- Last note: ${oneLine(item.lastNote)}`);
    }
    if (item.links.length) lines.push(`- Links: ${item.links.join(', ')}`);
  });
  return lines.join('\n') + '\n';
}

import type { RapidActionUpdateData, ScopeKind, SubDriScope } from './rapid-action.events.js';

const SCOPE_KINDS: Record<ScopeKind, string> = {
  part: 'part of the problem',
  perspective: 'perspective',
  'time-zone': 'time zone',
};

export function describeScope(scope: SubDriScope): string {
  return `${scope.description} (${SCOPE_KINDS[scope.kind]})`;
}

function section(title: string, body: string | null): string {
  return `**${title}:**\n\n${body ?? 'None'}`;
}

/**
 * One status update in the handbook's format: a dated heading, then progress since the last
 * update, progress expected by the next one, blockers and praise. A sub-DRI's update names its
 * scope under the heading.
 */
export function updateMarkdown(update: RapidActionUpdateData): string {
  const parts = [`**${update.date} Update**`];
  if (update.scope) parts.push(`_Scope: ${describeScope(update.scope)}_`);
  parts.push(
    section('Progress since last update', update.progressSinceLastUpdate),
    section('Progress expected by next update', update.progressExpectedByNextUpdate),
    section('Blockers', update.blockers),
    section('Praise', update.praise),
  );
  return parts.join('\n\n') + '\n';
}

export interface DigestSection {
  title: string;
  severity: string;
  driName: string;
  updates: readonly RapidActionUpdateData[];
}

/** The day's updates across rapid actions, one section per action, for stakeholders to read in one place. */
export function digestMarkdown(date: string, sections: readonly DigestSection[]): string {
  const heading = `# Rapid actions: updates of ${date}`;
  if (sections.length === 0) return `${heading}\n\nNo updates.\n`;
  const rendered = sections.map((s) =>
    [`## ${s.title}`, `_${s.severity} · DRI: ${s.driName}_`, ...s.updates.map((u) => updateMarkdown(u).trimEnd())].join(
      '\n\n',
    ),
  );
  return [heading, ...rendered].join('\n\n') + '\n';
}

import { BadUserInputError } from '@app/core/pure';

/** Blockers or praise that say there are none ("none", "None.", "n/a", "-", or nothing at all). */
const NONE = /^\s*(none|nothing|n\/a|-+)?\s*\.?\s*$/i;

export function noneToNull(text: string | null | undefined): string | null {
  return text === null || text === undefined || NONE.test(text) ? null : text.trim();
}

const REQUIRED_PARTS = [
  ['progressSinceLastUpdate', 'progress since last update'],
  ['progressExpectedByNextUpdate', 'progress expected by next update'],
] as const;

export type RequiredPart = (typeof REQUIRED_PARTS)[number][0];

/** A status update refused for its missing parts; `field` names the first, `missing` all of them. */
export class MissingUpdatePartsError extends BadUserInputError {
  constructor(readonly missing: RequiredPart[]) {
    const names = missing.map((part) => REQUIRED_PARTS.find(([field]) => field === part)![1]);
    super(
      missing[0],
      `The update is missing ${names.map((n) => `"${n}"`).join(' and ')}: ` +
        'say what changed since the last update and what you expect by the next one',
    );
    Object.assign(this.details, { missing });
  }
}

/** Both progress parts must say something; blockers and praise may say none. */
export function assertRequiredParts(parts: Record<RequiredPart, string>): void {
  const missing = REQUIRED_PARTS.map(([field]) => field).filter((field) => !parts[field]?.trim());
  if (missing.length > 0) throw new MissingUpdatePartsError(missing);
}

import type { AlertContent, Severity } from '@app/escalations';

/** One alert event, from whichever wire format it came in. */
export type IntakeAction =
  | {
      type: 'TRIGGER';
      dedupKey: string;
      /** Null: the key's default severity. */
      severity: Severity | null;
      description: string;
      content: AlertContent;
      groupKey: string | null;
    }
  | { type: 'ACKNOWLEDGE' | 'RESOLVE'; dedupKey: string };

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'S1',
  error: 'S2',
  warning: 'S3',
  info: 'S4',
  s1: 'S1',
  s2: 'S2',
  s3: 'S3',
  s4: 'S4',
};

/** PagerDuty's severities (critical, error, warning, info) or our own S1-S4, in any case. */
export function severityFrom(word: unknown): Severity | null {
  return typeof word === 'string' ? (SEVERITY_WORDS[word.trim().toLowerCase()] ?? null) : null;
}

export const MAX_DEDUP_KEY = 255;
export const MAX_SUMMARY = 1024;

import type { AlertLink } from '@app/escalations';
import { MAX_DEDUP_KEY, MAX_SUMMARY, severityFrom, type IntakeAction } from './intake-action.js';

export type WebhookResult = { ok: true; actions: IntakeAction[] } | { ok: false; errors: string[] };

/** Alertmanager sends its groups whole; a larger batch is refused rather than cut. */
export const MAX_ALERTS_PER_REQUEST = 1000;
const MAX_LABELS = 100;
const MAX_LABEL_VALUE = 4096;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An Alertmanager webhook notification (payload version 4) or a Grafana alerting webhook (the same
 * envelope, version 1): each alert becomes a trigger (firing) or a resolve (resolved), its
 * dedup key the alert's fingerprint.
 */
export function parseAlertWebhook(body: unknown): WebhookResult {
  if (!isObject(body)) return { ok: false, errors: ['The notification must be a JSON object'] };
  const errors: string[] = [];
  if (!Array.isArray(body.alerts)) {
    return { ok: false, errors: ["'alerts' must be a list"] };
  }
  if (body.alerts.length > MAX_ALERTS_PER_REQUEST) {
    return { ok: false, errors: [`'alerts' holds at most ${MAX_ALERTS_PER_REQUEST} alerts`] };
  }
  const groupKey = typeof body.groupKey === 'string' && body.groupKey !== '' ? body.groupKey : null;
  const externalURL = typeof body.externalURL === 'string' ? body.externalURL : undefined;
  const actions: IntakeAction[] = [];
  body.alerts.forEach((alert: unknown, index: number) => {
    const at = `alerts[${index}]`;
    if (!isObject(alert)) {
      errors.push(`'${at}' must be an object`);
      return;
    }
    const labels = stringRecord(alert.labels, `${at}.labels`, errors);
    const annotations = stringRecord(alert.annotations, `${at}.annotations`, errors);
    const fingerprint = alert.fingerprint;
    if (typeof fingerprint !== 'string' || fingerprint === '' || fingerprint.length > MAX_DEDUP_KEY) {
      errors.push(`'${at}.fingerprint' must be a string of 1-${MAX_DEDUP_KEY} characters`);
      return;
    }
    const status = alert.status ?? body.status;
    if (status !== 'firing' && status !== 'resolved') {
      errors.push(`'${at}.status' must be firing or resolved`);
      return;
    }
    if (!labels || !annotations) return;
    if (status === 'resolved') {
      actions.push({ type: 'RESOLVE', dedupKey: fingerprint });
      return;
    }
    const startsAt = typeof alert.startsAt === 'string' ? alert.startsAt : null;
    const summary = (annotations.summary || labels.alertname || `Alert ${fingerprint}`).slice(0, MAX_SUMMARY);
    const links: AlertLink[] = [];
    for (const [field, text] of [
      ['generatorURL', 'Source'],
      ['silenceURL', 'Silence'],
      ['dashboardURL', 'Dashboard'],
      ['panelURL', 'Panel'],
      ['imageURL', 'Image'],
    ] as const) {
      const href = alert[field];
      if (typeof href === 'string' && href !== '') links.push({ href, text });
    }
    const details: Record<string, unknown> = {};
    if (startsAt) details.startsAt = startsAt;
    if (externalURL) details.externalURL = externalURL;
    if (typeof body.receiver === 'string') details.receiver = body.receiver;
    if (isObject(alert.values)) details.values = alert.values;
    actions.push({
      type: 'TRIGGER',
      dedupKey: fingerprint,
      severity: severityFrom(labels.severity),
      description: annotations.description ?? '',
      groupKey,
      content: { summary, labels, annotations, links, details, occurrenceKey: startsAt },
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, actions };
}

function stringRecord(value: unknown, field: string, errors: string[]): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors.push(`'${field}' must be an object of strings`);
    return undefined;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_LABELS || entries.some(([, v]) => typeof v !== 'string' || v.length > MAX_LABEL_VALUE)) {
    errors.push(`'${field}' must be at most ${MAX_LABELS} strings of at most ${MAX_LABEL_VALUE} characters`);
    return undefined;
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

import { randomUUID } from 'node:crypto';
import type { AlertLink } from '@app/escalations';
import { MAX_DEDUP_KEY, MAX_SUMMARY, severityFrom, type IntakeAction } from './intake-action.js';

export interface ParsedEventsV2 {
  routingKey: string;
  action: IntakeAction;
  /** A trigger without dedup_key gets one; it is answered to the client. */
  dedupKey: string;
}

export type EventsV2Result = { ok: true; event: ParsedEventsV2 } | { ok: false; errors: string[] };

const ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
const MAX_LINKS = 50;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a PagerDuty Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/)
 * and names every problem, as PagerDuty's `errors` list does.
 */
export function parseEventsV2(body: unknown): EventsV2Result {
  if (!isObject(body)) return { ok: false, errors: ['The event must be a JSON object'] };
  const errors: string[] = [];
  const routingKey = body.routing_key;
  if (typeof routingKey !== 'string' || routingKey.trim() === '') errors.push("'routing_key' is missing or blank");
  const action = body.event_action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    errors.push("'event_action' must be one of trigger, acknowledge, resolve");
  }
  const dedup = body.dedup_key;
  if (dedup !== undefined && dedup !== null && (typeof dedup !== 'string' || dedup === '')) {
    errors.push("'dedup_key' must be a non-empty string");
  } else if (typeof dedup === 'string' && dedup.length > MAX_DEDUP_KEY) {
    errors.push(`'dedup_key' must be at most ${MAX_DEDUP_KEY} characters`);
  }
  if ((action === 'acknowledge' || action === 'resolve') && typeof dedup !== 'string') {
    errors.push(`'dedup_key' is required for ${action}`);
  }
  let trigger: Extract<IntakeAction, { type: 'TRIGGER' }> | undefined;
  if (action === 'trigger') {
    const parsed = parseTrigger(body, errors);
    if (parsed) trigger = { ...parsed, dedupKey: '' };
  }
  if (errors.length > 0) return { ok: false, errors };
  const dedupKey = typeof dedup === 'string' ? dedup : randomUUID().replaceAll('-', '');
  const parsedAction: IntakeAction = trigger
    ? { ...trigger, dedupKey }
    : { type: action === 'acknowledge' ? 'ACKNOWLEDGE' : 'RESOLVE', dedupKey };
  return { ok: true, event: { routingKey: routingKey as string, action: parsedAction, dedupKey } };
}

function parseTrigger(
  body: Record<string, unknown>,
  errors: string[],
): Omit<Extract<IntakeAction, { type: 'TRIGGER' }>, 'dedupKey'> | undefined {
  const payload = body.payload;
  if (!isObject(payload)) {
    errors.push("'payload' is required for trigger and must be an object");
    return undefined;
  }
  const before = errors.length;
  const { summary, source, severity } = payload;
  if (typeof summary !== 'string' || summary.trim() === '') errors.push("'payload.summary' is missing or blank");
  else if (summary.length > MAX_SUMMARY) errors.push(`'payload.summary' must be at most ${MAX_SUMMARY} characters`);
  if (typeof source !== 'string' || source.trim() === '') errors.push("'payload.source' is missing or blank");
  const mapped = severityFrom(severity);
  if (!mapped || !['critical', 'error', 'warning', 'info'].includes(String(severity))) {
    errors.push("'payload.severity' must be one of critical, error, warning, info");
  }
  for (const field of ['component', 'group', 'class', 'timestamp'] as const) {
    if (payload[field] !== undefined && typeof payload[field] !== 'string') {
      errors.push(`'payload.${field}' must be a string`);
    }
  }
  if (typeof payload.timestamp === 'string' && Number.isNaN(Date.parse(payload.timestamp))) {
    errors.push("'payload.timestamp' must be an ISO 8601 date and time");
  }
  for (const field of ['client', 'client_url'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') errors.push(`'${field}' must be a string`);
  }
  const links = parseLinks(body.links, 'links', errors);
  const images = parseLinks(body.images, 'images', errors);
  if (errors.length > before) return undefined;
  const details: Record<string, unknown> = { source };
  for (const field of ['component', 'group', 'class', 'timestamp'] as const) {
    if (payload[field] !== undefined) details[field] = payload[field];
  }
  if (payload.custom_details !== undefined) details.custom_details = payload.custom_details;
  if (body.client !== undefined) details.client = body.client;
  if (body.client_url !== undefined) details.client_url = body.client_url;
  if (images.length > 0) details.images = images;
  return {
    type: 'TRIGGER',
    severity: mapped,
    description: `From ${String(source)}`,
    groupKey: null,
    content: {
      summary: summary as string,
      labels: {},
      annotations: {},
      links,
      details,
      occurrenceKey: null,
    },
  };
}

/** `links` ({href, text}) and `images` ({src, href, alt}) as links. */
function parseLinks(value: unknown, field: 'links' | 'images', errors: string[]): AlertLink[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_LINKS) {
    errors.push(`'${field}' must be a list of at most ${MAX_LINKS} objects`);
    return [];
  }
  const links: AlertLink[] = [];
  value.forEach((item, index) => {
    const href = isObject(item) ? (field === 'links' ? item.href : (item.src ?? item.href)) : undefined;
    const text = isObject(item) ? (field === 'links' ? item.text : item.alt) : undefined;
    if (typeof href !== 'string' || href === '' || (text !== undefined && typeof text !== 'string')) {
      errors.push(`'${field}[${index}]' must have a string ${field === 'links' ? 'href' : 'src'}`);
      return;
    }
    links.push({ href, text: typeof text === 'string' ? text : null });
  });
  return links;
}

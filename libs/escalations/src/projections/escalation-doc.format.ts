/**
 * The stored format's tables and the recognisers of what it spells short (see escalation-doc.codec.ts).
 * The tables are part of the format: appending to them is safe, changing or reordering an entry needs a
 * new version of the escalations projection (which rebuilds its documents).
 */
export const KEYS = [
  // Escalation
  'escalationId', 'source', 'severity', 'kind', 'title', 'description', 'links', 'rotationId', 'serviceId',
  'routedToServiceOwner', 'incidentTag', 'raisedAt', 'raisedBy', 'policy', 'alert', 'state', 'driId', 'driSince',
  'pages', 'policyExhaustedAt', 'qualification', 'neededMoreInformation', 'customerContact', 'downgrade',
  'firstAcknowledgedAt', 'mitigatedAt', 'closedAt', 'handoverBoundaryIds', 'updatedAt', 'lastNote', 'noteCount',
  // Policy and its steps
  'pagingMode', 'ackSloMinutes', 'steps', 'backupPoolIds', 'layer', 'responderIds', 'ackTimeoutMinutes',
  // Page, its selection and skipped steps
  'pageId', 'trigger', 'step', 'recipients', 'shadowIds', 'status', 'pagedAt', 'ackDeadline', 'ackSloSeconds',
  'selection', 'skippedSteps', 'acknowledgedBy', 'acknowledgedAt', 'secondsToAcknowledge', 'withinSlo',
  'resolvedAt', 'cancelReason', 'rule', 'candidates', 'responderId', 'online', 'lastEscalatedAt', 'busyWith',
  'isDri', 'chosen', 'reason',
  // Note, customer contact, downgrade
  'noteId', 'text', 'author', 'at', 'firstContactAt', 'followUpDueAt', 'followUpRecordedAt', 'bridgeClosesAt',
  'bridgeClosedAt', 'repliedAt', 'priority', 'followUpTicket',
  // Alert
  'integrationKeyId', 'integrationKeyName', 'dedupKey', 'groupKey', 'maintenanceWindowId', 'summary', 'labels',
  'annotations', 'details', 'occurrenceKey', 'href', 'occurrences', 'lastOccurredAt', 'acknowledgedAtSource',
] as const; // prettier-ignore

/** Values the enumerations take (and a few frequent short ones). */
export const STRINGS = [
  'S1', 'S2', 'S3', 'S4', 'INFRASTRUCTURE', 'SUPPORT', 'CUSTOMER_EMERGENCY',
  'OPEN', 'ACKNOWLEDGED', 'MITIGATED', 'RESOLVED', 'DOWNGRADED',
  'TRIGGERED', 'TIMED_OUT', 'CANCELLED', 'RESPONDER', 'MANAGER', 'DIRECTORS', 'BACKUP_POOL',
  'ON_CALL', 'LEAST_RECENTLY_ESCALATED_ONLINE', 'LISTED',
  'STRICT_DEFINITION', 'EXCEPTION', 'NEEDS_MORE_INFORMATION', 'NOT_AN_EMERGENCY', 'NO_CUSTOMER_REPLY',
  'UPDATE', 'TRIED', 'NEXT_STEP', 'ACKNOWLEDGED_ELSEWHERE', 'DRI_ASSIGNED', 'ESCALATION_CLOSED', 'REROUTED',
  'NOBODY_ON_CALL', 'RESPONDER_BUSY', 'POLICY_STEP', 'RAISED', 'HIGH', 'TIMEOUT', 'ESCALATED', 'MANUAL',
  'REASSIGNED', 'HANDOVER', 'ALERTMANAGER', 'EVENTS_V2', 'WEBHOOK', '',
] as const; // prettier-ignore

export const KEY_INDEX = new Map<string, number>(KEYS.map((key, index) => [key, index]));
export const STRING_INDEX = new Map<string, number>(STRINGS.map((value, index) => [value, index]));
export const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Epoch milliseconds of `YYYY-MM-DDTHH:mm:ss.sssZ` (a real instant, 1970 or later); undefined for anything else. */
export function instantOf(value: string): number | undefined {
  if (
    value.charCodeAt(4) !== 45 ||
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 ||
    value.charCodeAt(13) !== 58 ||
    value.charCodeAt(16) !== 58 ||
    value.charCodeAt(19) !== 46 ||
    value.charCodeAt(23) !== 90
  ) {
    return undefined;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const milliseconds = digits(value, 20, 3);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (milliseconds < 0) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
}

/** The decimal number in value[from, from + count), or -1 when a character is not a digit. */
function digits(value: string, from: number, count: number): number {
  let number = 0;
  for (let i = from; i < from + count; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { EscalationDoc } from './escalations.projection.js';

/**
 * What an escalation document usually holds: its keys in the order the decider writes them and
 * the values they often take. A document is compressed against it, so what every document
 * repeats costs a few bytes (about 0.15x the JSON, 0.5x without it). The documents are decoded
 * with the same bytes: changing the dictionary needs a new version of the projection.
 */
const DICTIONARY = Buffer.from(
  JSON.stringify({
    escalationId: '',
    source: 'INFRASTRUCTURE',
    severity: 'S2',
    kind: null,
    title: '',
    description: '',
    links: ['https://'],
    rotationId: '',
    serviceId: null,
    routedToServiceOwner: false,
    incidentTag: null,
    raisedAt: '2026-01-01T00:00:00.000Z',
    raisedBy: 'integration:',
    policy: {
      rotationId: '',
      pagingMode: 'ON_CALL',
      ackSloMinutes: 15,
      steps: [{ layer: 'RESPONDER', rotationId: '', ackTimeoutMinutes: 15 }],
      backupPoolIds: [],
    },
    alert: { integrationKeyId: '', dedupKey: '' },
    state: 'ACKNOWLEDGED',
    driId: '',
    driSince: '2026-01-01T00:00:00.000Z',
    pages: [
      {
        pageId: '',
        kind: 'POLICY_STEP',
        trigger: 'RAISED',
        step: 0,
        layer: 'RESPONDER',
        rotationId: '',
        recipients: [''],
        shadowIds: [],
        pagedAt: '2026-01-01T00:00:00.000Z',
        ackDeadline: '2026-01-01T00:00:00.000Z',
        ackSloSeconds: 900,
        selection: {
          rule: 'ON_CALL',
          candidates: [
            { responderId: '', online: true, lastEscalatedAt: null, busyWith: null, isDri: false, chosen: true },
          ],
        },
        skippedSteps: [],
        status: 'ACKNOWLEDGED',
        acknowledgedBy: '',
        acknowledgedAt: '2026-01-01T00:00:00.000Z',
        secondsToAcknowledge: 0,
        withinSlo: true,
        resolvedAt: null,
        closedAt: null,
        cancelReason: null,
      },
    ],
    policyExhaustedAt: null,
    qualification: null,
    neededMoreInformation: false,
    customerContact: null,
    downgrade: null,
    firstAcknowledgedAt: '2026-01-01T00:00:00.000Z',
    mitigatedAt: null,
    closedAt: '2026-01-01T00:00:00.000Z',
    handoverBoundaryIds: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastNote: { noteId: '', kind: 'TRIED', text: '', author: '', at: '2026-01-01T00:00:00.000Z' },
    noteCount: 1,
  }),
);

/** A 4 KiB window holds the dictionary and most of a document; a small one is quicker to set up for each call. */
const WINDOW_BITS = 12;

export function encodeEscalationDoc(doc: EscalationDoc): Buffer {
  return deflateRawSync(JSON.stringify(doc), {
    dictionary: DICTIONARY,
    level: 1,
    windowBits: WINDOW_BITS,
    memLevel: 5,
  });
}

export function decodeEscalationDoc(stored: Buffer): EscalationDoc {
  const json = inflateRawSync(stored, { dictionary: DICTIONARY, windowBits: WINDOW_BITS }).toString('utf8');
  return JSON.parse(json) as EscalationDoc;
}

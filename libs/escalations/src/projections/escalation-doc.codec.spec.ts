import { randomUUID } from 'node:crypto';
import { escalationDecider, type Escalation } from '../domain/escalation/escalation.decider.js';
import type { EscalationCommand, EscalationDeciderState } from '../domain/escalation/escalation.decider.js';
import { defaultPolicy } from '../domain/escalation/escalation.types.js';
import { decodeEscalationDoc, encodeDocument, encodeEscalationDoc } from './escalation-doc.codec.js';
import { KEYS, STRINGS } from './escalation-doc.format.js';
import type { EscalationDoc } from './escalations.projection.js';

/** An escalation as it is usually stored: raised, paged, acknowledged, noted and resolved, with random ids. */
function resolvedEscalation(): EscalationDoc {
  const [escalationId, pageId, rotationId, responderId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const commands: EscalationCommand[] = [
    {
      type: 'Raise',
      escalationId,
      pageId,
      paging: [
        {
          step: 0,
          layer: 'RESPONDER',
          rotationId,
          source: 'ON_CALL',
          candidates: [{ responderId, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
          shadowIds: [],
          ackTimeoutMinutes: 15,
        },
      ],
      source: 'INFRASTRUCTURE',
      severity: 'S2',
      kind: null,
      title: 'Checkout error rate above 5%',
      description: 'Requests to the checkout service fail with 502 since the 14:05 deploy.',
      links: ['https://tickets.example/INC-4711'],
      rotationId,
      serviceId: null,
      routedToServiceOwner: false,
      incidentTag: null,
      raisedAt: '2026-11-30T14:07:00.000Z',
      raisedBy: `integration:${randomUUID()}`,
      policy: defaultPolicy(rotationId),
    },
    { type: 'AcknowledgePage', escalationId, pageId, responderId, at: '2026-11-30T14:09:30.000Z' },
    { type: 'Resolve', escalationId, at: '2026-11-30T15:02:00.000Z', by: responderId, note: null },
  ];
  let state: EscalationDeciderState = null;
  for (const command of commands) {
    for (const event of escalationDecider.decide(command, state)) state = escalationDecider.evolve(state, event);
  }
  const lastNote = {
    noteId: randomUUID(),
    kind: 'TRIED' as const,
    text: 'Rolled back',
    author: responderId,
    at: '2026-11-30T14:20:00.000Z',
  };
  return { ...(state as Escalation), lastNote, noteCount: 1 };
}

describe('escalation documents as stored', () => {
  it('read back exactly as written', () => {
    const doc = resolvedEscalation();
    expect(decodeEscalationDoc(encodeEscalationDoc(doc))).toEqual(doc);
  });

  it('take a fraction of their JSON on disk', () => {
    const doc = resolvedEscalation();
    const json = Buffer.byteLength(JSON.stringify(doc));
    expect(encodeEscalationDoc(doc).length).toBeLessThan(json * 0.3);
  });

  it('read back any JSON value as JSON would: unknown keys, free texts, numbers, look-alike ids and instants', () => {
    const doc = {
      ...resolvedEscalation(),
      title: 'Zahlungsausfall – Kasse 3 ⚠️ 🔥',
      description: '',
      noteCount: 2 ** 40,
      custom: { 'ein schlüssel': [1.5, -7, -0, 0, 2 ** 53 - 1, -(2 ** 53 - 1), 1e300, Number.NaN, null, true, false] },
      __proto__: 'kept as a key',
      lookAlikes: [
        'ABCDEF01-2345-6789-ABCD-EF0123456789',
        '0123456789ab-cdef-0123-4567-89abcdef',
        '00000000-0000-4000-8000-00000000000g',
        '2026-02-29T00:00:00.000Z',
        '2024-02-29T23:59:59.999Z',
        '1969-12-31T23:59:59.999Z',
        '2026-13-01T00:00:00.000Z',
        '2026-11-30T24:00:00.000Z',
        '2026-11-30T14:07:00.000+01:00',
        '2026-11-30 14:07:00.000Z',
        '9999-12-31T23:59:59.999Z',
      ],
      repeated: ['again', 'again', 'ab', 'ab', 'S1', 'S1', 'Zahlungsausfall – Kasse 3 ⚠️ 🔥'],
      skipped: undefined,
      at: new Date('2026-11-30T14:07:00.000Z'),
      sparse: [undefined, () => 1],
    } as unknown as EscalationDoc;
    const decoded = decodeEscalationDoc(encodeEscalationDoc(doc));
    expect(decoded).toStrictEqual(JSON.parse(JSON.stringify(doc)));
    expect(Object.keys(decoded)).toEqual(Object.keys(JSON.parse(JSON.stringify(doc))));
  });

  it('grow to hold a large document', () => {
    const doc = { ...resolvedEscalation(), description: 'x'.repeat(100_000) };
    expect(decodeEscalationDoc(encodeEscalationDoc(doc))).toEqual(doc);
  });

  it('spell every known key and string in one byte', () => {
    expect(new Set(KEYS).size).toBe(KEYS.length);
    expect(KEYS.length).toBeLessThan(0xfe);
    expect(new Set(STRINGS).size).toBe(STRINGS.length);
    expect(STRINGS.length).toBeLessThanOrEqual(0x100);
    for (const value of STRINGS) expect(encodeDocument(value)).toHaveLength(3);
    const keys = Object.fromEntries(KEYS.map((key) => [key, null]));
    expect(encodeDocument(keys)).toHaveLength(2 + 2 * KEYS.length + 1);
  });

  it('refuse bytes in another format', () => {
    expect(() => decodeEscalationDoc(Buffer.from([0x78, 0x9c]))).toThrow(/format/);
  });
});

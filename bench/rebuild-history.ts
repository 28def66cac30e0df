import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';
import {
  defaultPolicy,
  escalationDecider,
  type EscalationCommand,
  type EscalationDeciderState,
  type EscalationEvent,
  type Severity,
  type StepFacts,
} from '@app/escalations';
import { newEvent } from './bench-support.js';

export const RESPONDERS = 2_000;
export const ROTATIONS = 200;
const SEVERITIES: Severity[] = ['S1', 'S2', 'S3', 'S4'];
const MINUTE = 60_000;
const DAY = 86_400_000;

const responderId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const rotationId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

/**
 * A year of a service's life, `total` events: responders, rotations with their escalation policies,
 * then in turn unavailability spans, overrides and escalations (raised, paged, acknowledged, noted,
 * resolved) as the escalation decider decides them. Every event is in the past of `now`.
 */
export function* history(total: number, now: number): Generator<[string, NewEvent[]]> {
  let written = 0;
  const at = (ms: number) => new Date(ms).toISOString();
  for (let r = 0; r < RESPONDERS; r++, written++) {
    yield [
      `responder-${responderId(r)}`,
      [
        newEvent('ResponderRegistered', {
          responderId: responderId(r),
          name: `Responder ${r}`,
          handle: `r${r}`,
          timeZone: 'Europe/Berlin',
          team: `team-${r % 50}`,
          role: 'engineer',
          workingHours: [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
          onCallRestricted: false,
          registeredAt: at(now - 400 * DAY),
        }),
      ],
    ];
  }
  for (let t = 0; t < ROTATIONS; t++, written += 2) {
    const id = rotationId(t);
    yield [
      `rotation-${id}`,
      [
        newEvent('RotationCreated', {
          rotationId: id,
          name: `Rotation ${t}`,
          team: `team-${t % 50}`,
          timeZone: 'America/New_York',
          startDate: '2025-01-06',
          pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
          coverageWindows: [],
          driWindows: [],
          participants: [0, 1, 2, 3].map((i) => ({ responderId: responderId((t * 4 + i) % RESPONDERS) })),
          shadows: [],
          createdAt: at(now),
        }),
      ],
    ];
    yield [
      `escalationpolicy-${id}`,
      [newEvent('EscalationPolicySet', { ...defaultPolicy(id), setBy: 'bench', at: at(now) })],
    ];
  }
  for (let i = 0; written < total; i++) {
    const start = now - (1 + (i % 300)) * DAY;
    if (i % 3 === 0) {
      const r = i % RESPONDERS;
      written += 1;
      yield [
        `responder-${responderId(r)}`,
        [
          newEvent('ResponderUnavailabilityMarked', {
            responderId: responderId(r),
            spanId: randomUUID(),
            start: at(start),
            end: at(start + 10 * 3_600_000),
            reason: 'leave',
          }),
        ],
      ];
    } else if (i % 3 === 1) {
      const t = i % ROTATIONS;
      written += 1;
      yield [
        `rotation-${rotationId(t)}`,
        [
          newEvent('OverrideScheduled', {
            rotationId: rotationId(t),
            overrideId: randomUUID(),
            responderId: responderId((t * 4 + 5) % RESPONDERS),
            start: at(start),
            end: at(start + 4 * 3_600_000),
            timeZone: 'UTC',
            createdBy: 'bench',
          }),
        ],
      ];
    } else {
      const events = escalationEvents(i, start).slice(0, total - written);
      written += events.length;
      const stream = `escalation-${(events[0].data as { escalationId: string }).escalationId}`;
      yield [stream, events.map((e) => newEvent(e.type, e.data as Record<string, unknown>))];
    }
  }
}

/** One escalation's events, decided by the escalation decider from a plausible life. */
function escalationEvents(n: number, raisedAt: number): EscalationEvent[] {
  const escalationId = randomUUID();
  const rotation = n % ROTATIONS;
  const dri = responderId((rotation * 4 + (n % 4)) % RESPONDERS);
  const at = (minutes: number) => new Date(raisedAt + minutes * MINUTE).toISOString();
  const paging: StepFacts[] = [
    {
      step: 0,
      layer: 'RESPONDER',
      rotationId: rotationId(rotation),
      source: 'ON_CALL',
      candidates: [{ responderId: dri, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
      shadowIds: [],
      ackTimeoutMinutes: 15,
    },
  ];
  const pageId = randomUUID();
  const commands: EscalationCommand[] = [
    {
      type: 'Raise',
      escalationId,
      pageId,
      paging,
      source: n % 3 === 0 ? 'CUSTOMER_EMERGENCY' : 'INFRASTRUCTURE',
      severity: SEVERITIES[n % SEVERITIES.length],
      kind: null,
      title: `Escalation ${n}: error rate up on service ${n % 97}`,
      description: 'Seeded for the benchmark',
      links: [`https://tickets.example/${n}`],
      rotationId: rotationId(rotation),
      serviceId: null,
      routedToServiceOwner: false,
      incidentTag: n % 50 === 0 ? `INC-${n % 7}` : null,
      raisedAt: at(0),
      raisedBy: 'bench',
      policy: defaultPolicy(rotationId(rotation)),
    },
    { type: 'AcknowledgePage', escalationId, pageId, responderId: dri, at: at(4) },
    {
      type: 'AddNote',
      escalationId,
      noteId: randomUUID(),
      kind: 'TRIED',
      text: 'Restarted the workers',
      author: 'bench',
      at: at(20),
    },
    { type: 'Resolve', escalationId, at: at(90), by: dri, note: null },
  ];
  let state: EscalationDeciderState = null;
  const events: EscalationEvent[] = [];
  for (const command of commands) {
    for (const event of escalationDecider.decide(command, state)) {
      events.push(event);
      state = escalationDecider.evolve(state, event);
    }
  }
  return events;
}

/**
 * The pieces the benches seed an embedded store's SQLite file with, written straight with the store
 * API (seeding through GraphQL would take longer than any measurement): a roster of responders and
 * rotations with their escalation policies, one escalation's life as the escalation decider itself
 * decides it (raised, paged, acknowledged, noted, and resolved unless it stays open), and schedule
 * changes (unavailability spans, overrides). Each bench keeps its own counts and mix; see
 * bench/escalation-history.ts and bench/rebuild-history.ts.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';
import {
  defaultPolicy,
  escalationDecider,
  type EscalationCommand,
  type EscalationDeciderState,
  type EscalationEvent,
  type Severity,
} from '@app/escalations';
import { newEvent } from './bench-support.js';

export const SEVERITIES: Severity[] = ['S1', 'S2', 'S3', 'S4'];
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

type WorkingHours = Array<{ weekdays: number[]; start: string; end: string }>;

/** Weekdays nine to five. */
export const OFFICE_HOURS: WorkingHours = [{ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }];

export interface RosterOptions {
  responders: number;
  rotations: number;
  /** Participants of each rotation: rotation t has responders t * perRotation + 0 … perRotation - 1. */
  perRotation: number;
  /** 'fixed': ids of a fixed pattern from the number (default); 'random': random UUIDs. */
  ids?: 'fixed' | 'random';
}

export interface Roster {
  readonly responders: number;
  readonly rotations: number;
  readonly perRotation: number;
  responderId(n: number): string;
  rotationId(n: number): string;
  /** Responder `p` counted from rotation `t`'s first participant (wrapping round the responders). */
  participant(t: number, p: number): string;
}

export function roster({ responders, rotations, perRotation, ids = 'fixed' }: RosterOptions): Roster {
  const fixed = (prefix: string) => (n: number) => `00000000-0000-4000-${prefix}-${String(n).padStart(12, '0')}`;
  const random = (count: number) => {
    const list = Array.from({ length: count }, () => randomUUID());
    return (n: number) => list[n];
  };
  const responderId = ids === 'random' ? random(responders) : fixed('8000');
  const rotationId = ids === 'random' ? random(rotations) : fixed('9000');
  return {
    responders,
    rotations,
    perRotation,
    responderId,
    rotationId,
    participant: (t, p) => responderId((t * perRotation + p) % responders),
  };
}

export interface SetUpOptions {
  /** Responder r is in team r % teams, rotation t in team t % teams (default: one team per rotation). */
  teams?: number;
  /** The responders' time zone (default Europe/Berlin). */
  responderTimeZone?: string;
  /** The rotations' time zone (default Europe/Berlin). */
  rotationTimeZone?: string;
  workingHours?: WorkingHours;
  /** How long ago the responders registered (default 400 days). */
  registeredDaysAgo?: number;
}

/** Every responder registered, every rotation created (now) with its default escalation policy. */
export function* setUp(
  { responders, rotations, perRotation, responderId, rotationId, participant }: Roster,
  now: number,
  options: SetUpOptions = {},
): Generator<[string, NewEvent]> {
  const teams = options.teams ?? rotations;
  for (let r = 0; r < responders; r++) {
    yield [
      `responder-${responderId(r)}`,
      newEvent('ResponderRegistered', {
        responderId: responderId(r),
        name: `Responder ${r}`,
        handle: `r${r}`,
        timeZone: options.responderTimeZone ?? 'Europe/Berlin',
        team: `team-${r % teams}`,
        role: 'engineer',
        workingHours: options.workingHours ?? [],
        onCallRestricted: false,
        registeredAt: new Date(now - (options.registeredDaysAgo ?? 400) * DAY).toISOString(),
      }),
    ];
  }
  for (let t = 0; t < rotations; t++) {
    const id = rotationId(t);
    yield [
      `rotation-${id}`,
      newEvent('RotationCreated', {
        rotationId: id,
        name: `Rotation ${t}`,
        team: `team-${t % teams}`,
        timeZone: options.rotationTimeZone ?? 'Europe/Berlin',
        startDate: '2025-01-06',
        pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: [],
        driWindows: [],
        participants: Array.from({ length: perRotation }, (_, p) => ({ responderId: participant(t, p) })),
        shadows: [],
        // Created now, so no shift boundary of the past is due when the service starts.
        createdAt: new Date(now).toISOString(),
      }),
    ];
    yield [
      `escalationpolicy-${id}`,
      newEvent('EscalationPolicySet', { ...defaultPolicy(id), setBy: 'bench', at: new Date(now).toISOString() }),
    ];
  }
}

export interface EscalationLife {
  raisedAt: number;
  /** Stays open: acknowledged and noted, never resolved (default false). */
  open?: boolean;
  description?: string;
  note?: string;
  /** Who writes the note: 'bench' (default) or the DRI. */
  noteAuthor?: 'bench' | 'dri';
}

/**
 * Escalation `n`'s events, decided by the escalation decider from a plausible life: raised on
 * rotation n % rotations, paged to its participant n % perRotation (the DRI), acknowledged after 4
 * minutes, a note after 20, resolved after 90 unless it stays open.
 */
export function escalationEvents(
  { rotations, perRotation, rotationId, participant }: Roster,
  n: number,
  life: EscalationLife,
): EscalationEvent[] {
  const escalationId = randomUUID();
  const rotation = n % rotations;
  const dri = participant(rotation, n % perRotation);
  const at = (minutes: number) => new Date(life.raisedAt + minutes * MINUTE).toISOString();
  const pageId = randomUUID();
  const commands: EscalationCommand[] = [
    {
      type: 'Raise',
      escalationId,
      pageId,
      paging: [
        {
          step: 0,
          layer: 'RESPONDER',
          rotationId: rotationId(rotation),
          source: 'ON_CALL',
          candidates: [{ responderId: dri, online: true, lastEscalatedAt: null, busyWith: null, isDri: false }],
          shadowIds: [],
          ackTimeoutMinutes: 15,
        },
      ],
      source: n % 3 === 0 ? 'CUSTOMER_EMERGENCY' : 'INFRASTRUCTURE',
      severity: SEVERITIES[n % SEVERITIES.length],
      kind: null,
      title: `Escalation ${n}: error rate up on service ${n % 97}`,
      description: life.description ?? 'Seeded for the benchmark',
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
      text: life.note ?? 'Restarted the workers',
      author: life.noteAuthor === 'dri' ? dri : 'bench',
      at: at(20),
    },
  ];
  if (!life.open) commands.push({ type: 'Resolve', escalationId, at: at(90), by: dri, note: null });
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

/** Decided escalation events as its stream and the events to append to it. */
export function toAppend(decided: EscalationEvent[]): [string, NewEvent[]] {
  const stream = `escalation-${(decided[0].data as { escalationId: string }).escalationId}`;
  return [stream, decided.map((e) => newEvent(e.type, e.data as Record<string, unknown>))];
}

/** Responder `r` unavailable from `start` for `durationMs`. */
export function unavailability(
  { responderId }: Roster,
  r: number,
  start: number,
  durationMs: number,
  reason = 'leave',
): [string, NewEvent] {
  return [
    `responder-${responderId(r)}`,
    newEvent('ResponderUnavailabilityMarked', {
      responderId: responderId(r),
      spanId: randomUUID(),
      start: new Date(start).toISOString(),
      end: new Date(start + durationMs).toISOString(),
      reason,
    }),
  ];
}

export interface OverrideOptions {
  /** Who covers: a responder id. */
  responderId: string;
  start: number;
  durationMs: number;
  timeZone: string;
  note?: string;
  createdBy: string;
}

/** An override on rotation `t`. */
export function override({ rotationId }: Roster, t: number, options: OverrideOptions): [string, NewEvent] {
  return [
    `rotation-${rotationId(t)}`,
    newEvent('OverrideScheduled', {
      rotationId: rotationId(t),
      overrideId: randomUUID(),
      responderId: options.responderId,
      start: new Date(options.start).toISOString(),
      end: new Date(options.start + options.durationMs).toISOString(),
      timeZone: options.timeZone,
      ...(options.note === undefined ? {} : { note: options.note }),
      createdBy: options.createdBy,
    }),
  ];
}

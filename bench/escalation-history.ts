/**
 * An escalation history written straight into an embedded store's SQLite file with the store API
 * (seeding it through GraphQL would take longer than any measurement): responders, rotations and
 * escalation policies, then each escalation's events as the escalation decider itself decides
 * them (raised, paged, acknowledged, noted, and resolved unless it stays open). Shared by
 * bench/open-escalations-latency.ts and bench/history-cost.ts.
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
  type StepFacts,
} from '@app/escalations';
import { newEvent } from './bench-support.js';
import type { HttpLoad } from './http-load.js';

export const ROTATIONS = 20;
export const RESPONDERS = 60;
export const SEVERITIES: Severity[] = ['S1', 'S2', 'S3', 'S4'];
const MINUTE = 60_000;

export const responderId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const rotationId = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

export function* setUp(now: number): Generator<[string, NewEvent]> {
  for (let r = 0; r < RESPONDERS; r++) {
    yield [
      `responder-${responderId(r)}`,
      newEvent('ResponderRegistered', {
        responderId: responderId(r),
        name: `Responder ${r}`,
        handle: `r${r}`,
        timeZone: 'Europe/Berlin',
        team: `team-${r % ROTATIONS}`,
        role: 'engineer',
        workingHours: [],
        onCallRestricted: false,
        registeredAt: new Date(now - 400 * 86_400_000).toISOString(),
      }),
    ];
  }
  for (let t = 0; t < ROTATIONS; t++) {
    const id = rotationId(t);
    yield [
      `rotation-${id}`,
      newEvent('RotationCreated', {
        rotationId: id,
        name: `Rotation ${t}`,
        team: `team-${t}`,
        timeZone: 'Europe/Berlin',
        startDate: '2025-01-06',
        pattern: { cycle: 'weekly', handoffs: [{ weekday: 1, time: '10:00' }], respondersPerShift: 1 },
        coverageWindows: [],
        driWindows: [],
        participants: [0, 1, 2].map((p) => ({ responderId: responderId((t * 3 + p) % RESPONDERS) })),
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

/** One escalation's events, decided by the escalation decider from a plausible life. */
export function escalationEvents(n: number, now: number, open: boolean): EscalationEvent[] {
  const escalationId = randomUUID();
  const rotation = n % ROTATIONS;
  const raisedAt = now - Math.floor(Math.random() * 365 * 24 * 60) * MINUTE;
  const dri = responderId((rotation * 3 + (n % 3)) % RESPONDERS);
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
  ];
  if (!open) commands.push({ type: 'Resolve', escalationId, at: at(90), by: dri, note: null });
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

/** The escalation's stream and its events, ready to append. */
export function escalationAppend(n: number, now: number, open: boolean): [string, NewEvent[]] {
  const decided = escalationEvents(n, now, open);
  const stream = `escalation-${(decided[0].data as { escalationId: string }).escalationId}`;
  return [stream, decided.map((e) => newEvent(e.type, e.data as Record<string, unknown>))];
}

/** Until the api-tokens read model has caught up too, the admin token is not known yet: keep asking. */
export async function waitForProjections(http: HttpLoad, head: bigint): Promise<void> {
  for (;;) {
    const response = JSON.parse(await http.post(JSON.stringify({ query: '{ projections { name position state } }' })));
    if (response.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    const { projections } = response.data;
    const behind = (projections as Array<{ position: string; state: string }>).filter(
      (p) => p.position === 'start' || BigInt(p.position) < head,
    );
    if (behind.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const OPEN_ESCALATIONS = `query($filter: OpenEscalationsFilter, $first: Int) {
  openEscalations(filter: $filter, first: $first) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id title severity state ageMinutes raisedAt incidentTag dri { id name } rotation { id name } lastNote { text at } }
  }
}`;

export function randomFilter(): Record<string, unknown> {
  const pick = Math.floor(Math.random() * 4);
  if (pick === 1) return { rotationIds: [rotationId(Math.floor(Math.random() * ROTATIONS))] };
  if (pick === 2) return { severities: [SEVERITIES[Math.floor(Math.random() * SEVERITIES.length)]] };
  if (pick === 3) return { driId: responderId(Math.floor(Math.random() * RESPONDERS)) };
  return {};
}

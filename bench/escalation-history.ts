/**
 * An escalation history written straight into an embedded store's SQLite file (bench/seeded-history.ts):
 * 60 responders, 20 rotations of 3 with their escalation policies, then each escalation's events
 * as the escalation decider itself decides them (raised, paged, acknowledged, noted, and resolved
 * unless it stays open), raised at some minute of the last year. Shared by
 * bench/open-escalations-latency.ts and bench/history-cost.ts.
 */
import type { NewEvent } from '@app/event-store';
import type { HttpLoad } from './http-load.js';
import { escalationEvents, MINUTE, roster, setUp as rosterSetUp, SEVERITIES, toAppend } from './seeded-history.js';

export { SEVERITIES };
export const ROTATIONS = 20;
export const RESPONDERS = 60;

export const ROSTER = roster({ responders: RESPONDERS, rotations: ROTATIONS, perRotation: 3 });
export const { responderId, rotationId } = ROSTER;

export function setUp(now: number): Generator<[string, NewEvent]> {
  return rosterSetUp(ROSTER, now);
}

/** The escalation's stream and its events, ready to append. */
export function escalationAppend(n: number, now: number, open: boolean): [string, NewEvent[]] {
  const raisedAt = now - Math.floor(Math.random() * 365 * 24 * 60) * MINUTE;
  return toAppend(escalationEvents(ROSTER, n, { raisedAt, open }));
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

import type { Role } from '@app/core';
import type { GraphQLClient } from '../support/test-app.js';

/** The role matrix's rows: what each needs (a fixture) and how it is sent. */
export interface Fixture {
  alice: string;
  bob: string;
  rotationId: string;
  /** A rotation of its own for archiving. */
  spareRotationId: string;
  /** One override per role, so that one role's cancellation does not change what the next one meets. */
  overrideIds: Record<Role, string>;
  spanId: string;
  tokenId: string;
  roundId: string;
  slotId: string;
  rapidActionId: string;
  criterionId: string;
  escalationId: string;
  pageId: string;
  serviceId: string;
  /** Alice's e-mail methods: one to verify and resend, one to remove. */
  contactMethodId: string;
  removableMethodId: string;
  webhookSubscriptionId: string;
  /** Alice's calendar feed, created by an admin. */
  calendarFeedId: string;
}

export interface Row {
  allowed: Role[];
  request: (f: Fixture, n: number, role: Role) => { query: string; variables?: Record<string, unknown> };
}

export const ROLES: Role[] = ['admin', 'manager', 'responder', 'viewer', 'integration'];

/** Rapid-action steps act on an action whose DRI is alice: no role's subject is a member of it. */
export const rapidActionRow = (
  allowed: Role[],
  mutation: string,
  inputType: string,
  input: (f: Fixture) => Record<string, unknown>,
): Row => ({
  allowed,
  request: (f) => ({
    query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`,
    variables: { input: { rapidActionId: f.rapidActionId, ...input(f) } },
  }),
});

export const UNKNOWN_BOUNDARY = '00000000-0000-4000-8000-00000000b0b0';

export const onEscalation = (allowed: Role[], mutation: string, args = ''): Row => ({
  allowed,
  request: (f) => ({
    query: `mutation($e: ID!) { ${mutation}(escalationId: $e${args}) { id } }`,
    variables: { e: f.escalationId },
  }),
});

export const withInput = (
  allowed: Role[],
  mutation: string,
  inputType: string,
  input: (f: Fixture, n: number) => unknown,
): Row => ({
  allowed,
  request: (f, n) => ({
    query: `mutation($input: ${inputType}!) { ${mutation}(input: $input) { __typename } }`,
    variables: { input: input(f, n) },
  }),
});

export const membership = (name: string) => (f: Fixture, n: number) => ({
  query: `mutation($input: RotationMembershipInput!) { ${name}(input: $input) { rotation { id } } }`,
  variables: { input: { rotationId: f.rotationId, responderId: f.bob, from: `2027-0${1 + (n % 9)}-01T00:00:00Z` } },
});

export const UNKNOWN = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function unknownFixture(): Fixture {
  const overrideIds = Object.fromEntries(ROLES.map((role, i) => [role, UNKNOWN(100 + i)])) as Record<Role, string>;
  return {
    alice: UNKNOWN(1),
    bob: UNKNOWN(2),
    rotationId: UNKNOWN(3),
    spareRotationId: UNKNOWN(16),
    overrideIds,
    spanId: UNKNOWN(4),
    tokenId: UNKNOWN(5),
    roundId: UNKNOWN(6),
    slotId: UNKNOWN(7),
    rapidActionId: UNKNOWN(8),
    criterionId: UNKNOWN(9),
    escalationId: UNKNOWN(10),
    pageId: UNKNOWN(11),
    serviceId: UNKNOWN(12),
    contactMethodId: UNKNOWN(13),
    removableMethodId: UNKNOWN(14),
    webhookSubscriptionId: UNKNOWN(15),
    calendarFeedId: UNKNOWN(17),
  };
}

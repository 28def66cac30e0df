import { as } from './escalations.fixtures.js';
import type { TestApp } from './test-app.js';

export const BOUNDARY_FIELDS = `
  id at handOverBy pendingCount markdown
  rotation { name }
  outgoing { handle }
  incoming { handle }
  items {
    escalation { id title }
    severity state stateAtBoundary ageMinutes handedOver overdue acceptedAt flaggedOverdueAt
    dri { handle } driAtBoundary { handle } acceptedBy { handle } newDri { handle }
    lastNote { text }
    summary { status tried nextSteps author { handle } writtenAt }
  }`;

export const SHIFT_BOUNDARIES = `
  query Boundaries($rotationId: ID!, $first: Int, $after: String) {
    shiftBoundaries(rotationId: $rotationId, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${BOUNDARY_FIELDS} }
    }
  }`;

export const HANDOVER = `query Handover($boundaryId: ID!) { handover(boundaryId: $boundaryId) { ${BOUNDARY_FIELDS} } }`;

export const WRITE_SUMMARY = `
  mutation Summary($input: HandoverSummaryInput!) { writeHandoverSummary(input: $input) { ${BOUNDARY_FIELDS} } }`;

export const ACCEPT = `
  mutation Accept($input: AcceptHandoverInput!) { acceptHandover(input: $input) { ${BOUNDARY_FIELDS} } }`;

export const IN_PROGRESS = `
  query InProgress($responderId: ID!) { inProgressFromPreviousShift(responderId: $responderId) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${BOUNDARY_FIELDS} } } }`;

export const CONFIGURE = `
  mutation Configure($input: HandoverSettingsInput!) {
    configureHandovers(input: $input) { graceMinutes isDefault rotation { name } receivingRotations { name } }
  }`;

export async function boundaries(app: TestApp, rotationId: string) {
  return (await app.ok(SHIFT_BOUNDARIES, { rotationId })).shiftBoundaries;
}

/** Handover settings are an admin's to set: the test app's own client. */
export async function configureHandovers(app: TestApp, input: Record<string, unknown>) {
  return (await app.ok(CONFIGURE, { input })).configureHandovers;
}

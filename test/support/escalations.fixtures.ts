import { actingAs, type TestApp } from './test-app.js';

export const ESCALATION_FIELDS = `
  id title severity state source incidentTag ageMinutes
  rotation { id name }
  dri { id handle }
  lastNote { kind text author { id kind } }
  qualification neededMoreInformation
  downgrade { reason priority followUpTicket at }
  customerContact { firstContactAt followUpDueAt followUpRecordedAt bridgeClosesAt bridgeClosedAt repliedAt }
  currentPage { id }
  pages { nodes {
    id state step layer trigger pagedAt ackDeadline acknowledgedAt secondsToAcknowledge ackSloSeconds withinSlo
    cancelReason
    recipients { handle }
    shadows { handle }
    acknowledgedBy { handle }
    selection { rule candidates { responder { handle } online lastEscalatedAt busyWithEscalationId isDri chosen } }
    skippedSteps { step layer reason busyWithEscalationId }
  } }`;

export const RAISE = `
  mutation Raise($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { ${ESCALATION_FIELDS} } }`;

export const ESCALATION = `query Escalation($id: ID!) { escalation(id: $id) { ${ESCALATION_FIELDS}
  timeline { nodes { at actor { id } type description responders { handle } } } } }`;

export const ACKNOWLEDGE = `
  mutation Ack($pageId: ID!) { acknowledgePage(pageId: $pageId) { id state acknowledgedBy { handle } escalation { id state dri { handle } } } }`;

export const SET_POLICY = `
  mutation Policy($input: EscalationPolicyInput!) {
    setEscalationPolicy(input: $input) { pagingMode ackSloMinutes isDefault steps { layer ackTimeoutMinutes rotation { id } responders { handle } } backupPool { handle } }
  }`;

export const SET_PRESENCE = `
  mutation Presence($responderId: ID!, $state: PresenceState!) {
    setPresence(responderId: $responderId, state: $state) { state since responder { handle } }
  }`;

export const OPEN_ESCALATIONS = `
  query Open($filter: OpenEscalationsFilter, $first: Int, $after: String) {
    openEscalations(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { id title severity state ageMinutes dri { handle } rotation { name } lastNote { text } }
    }
  }`;

export const AWAITING = `
  query Awaiting($rotationIds: [ID!], $responderId: ID) {
    pagesAwaitingAcknowledgement(rotationIds: $rotationIds, responderId: $responderId) {
      totalCount nodes { id ackDeadline state step recipients { handle } escalation { id title } }
    }
  }`;

/** Headers acting as someone by handle: a registered responder (a manager token for managers and directors), else an integration. */
export const as = (handle: string) => actingAs(handle);

/** Integrations read only the id and state of what they raise: the escalation is then read as an admin. */
export const RAISE_ID = `mutation Raise($input: RaiseEscalationInput!) { raiseEscalation(input: $input) { id } }`;

export async function raise(app: TestApp, input: Record<string, unknown>, actor = 'infra-oncall') {
  const data = await app.ok(RAISE_ID, { input: { description: '', ...input } }, as(actor));
  return escalation(app, data.raiseEscalation.id);
}

export async function escalation(app: TestApp, id: string) {
  return (await app.ok(ESCALATION, { id })).escalation;
}

/** Escalation policies are an admin's to set: the test app's own client. */
export async function setPolicy(app: TestApp, input: Record<string, unknown>) {
  return (await app.ok(SET_POLICY, { input })).setEscalationPolicy;
}

export async function setPresence(app: TestApp, responderId: string, state: 'ONLINE' | 'AWAY', actor: string) {
  return (await app.ok(SET_PRESENCE, { responderId, state }, as(actor))).setPresence;
}

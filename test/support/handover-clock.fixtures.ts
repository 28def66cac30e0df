import { BOUNDARY_FIELDS } from './handovers.fixtures.js';

export const DRAFT_FIELDS = `
  escalation { id title } rotation { name } author { handle }
  status tried nextSteps writtenAt shiftEndsAt`;

export const DRAFT = `
  mutation Draft($input: HandoverDraftInput!) { draftHandoverSummary(input: $input) { ${DRAFT_FIELDS} } }`;

export const HANDOVER_DRAFT = `
  query Draft($escalationId: ID!) { handoverDraft(escalationId: $escalationId) { ${DRAFT_FIELDS} } }`;

export const END_SHIFT_NOW = `
  mutation End($input: EndShiftNowInput!) { endShiftNow(input: $input) {
    endedEarly endedEarlyBy { kind responder { handle } } ${BOUNDARY_FIELDS} } }`;

export const MITIGATE = `
  mutation Mitigate($id: ID!, $note: String) {
    mitigateEscalation(escalationId: $id, note: $note) { id state lastNote { kind text author { id kind } } }
  }`;

/** A boundary with whether it ended early and which summaries came from drafts. */
export const BOUNDARY_ON_THE_CLOCK = `
  query Boundaries($rotationId: ID!) {
    shiftBoundaries(rotationId: $rotationId) {
      totalCount
      nodes { endedEarly endedEarlyBy { kind } ${BOUNDARY_FIELDS} items { summary { fromDraft } } }
    }
  }`;

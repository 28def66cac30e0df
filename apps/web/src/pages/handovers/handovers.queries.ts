export const BOUNDARY_FIELDS = `
  id at handOverBy pendingCount markdown endedEarly
  rotation { id name timeZone }
  outgoing { id name }
  incoming { id name }
  items {
    severity state stateAtBoundary ageMinutes handedOver overdue acceptedAt
    escalation { id title }
    dri { id name } driAtBoundary { id name } acceptedBy { id name } newDri { id name }
    lastNote { text kind }
    summary { status tried nextSteps fromDraft writtenAt author { id name } }
  }`;

export const HANDOVER_ROTATIONS = `query HandoverRotations { rotations(first: 100) { nodes { id name team timeZone } } }`;

export const BOUNDARIES = `
  query HandoverBoundaries($rotationId: ID!) {
    shiftBoundaries(rotationId: $rotationId, first: 20) {
      totalCount nodes { id at pendingCount outgoing { id name } incoming { id name } }
    }
  }`;

export const HANDED_TO_ME = `
  query HandedToMe($responderId: ID!) {
    inProgressFromPreviousShift(responderId: $responderId, first: 20) {
      totalCount nodes { id at pendingCount rotation { id name } outgoing { id name } }
    }
  }`;

export const HANDOVER = `query Handover($boundaryId: ID!) { handover(boundaryId: $boundaryId) { ${BOUNDARY_FIELDS} } }`;

/** Delivered when a boundary's items change (every boundary without an id); the page then refetches. */
export const HANDOVER_LIVE = `subscription HandoverLive($boundaryId: ID) { handoverItemsChanged(boundaryId: $boundaryId) { id } }`;

export const WRITE_SUMMARY = `
  mutation WriteHandoverSummary($input: HandoverSummaryInput!) { writeHandoverSummary(input: $input) { ${BOUNDARY_FIELDS} } }`;

export const ACCEPT = `
  mutation AcceptHandover($input: AcceptHandoverInput!) { acceptHandover(input: $input) { ${BOUNDARY_FIELDS} } }`;

export interface Person {
  id: string;
  name: string;
}

export interface HandoverItem {
  severity: string;
  state: string;
  stateAtBoundary: string;
  ageMinutes: number;
  handedOver: boolean;
  overdue: boolean;
  acceptedAt: string | null;
  escalation: { id: string; title: string };
  dri: Person | null;
  driAtBoundary: Person;
  acceptedBy: Person | null;
  newDri: Person | null;
  lastNote: { text: string; kind: string } | null;
  summary: {
    status: string;
    tried: string;
    nextSteps: string;
    fromDraft: boolean;
    writtenAt: string;
    author: Person;
  } | null;
}

export interface Boundary {
  id: string;
  at: string;
  handOverBy: string;
  pendingCount: number;
  markdown: string;
  endedEarly: boolean;
  rotation: { id: string; name: string; timeZone: string };
  outgoing: Person[];
  incoming: Person[];
  items: HandoverItem[];
}

export interface BoundarySummary {
  id: string;
  at: string;
  pendingCount: number;
  rotation?: { id: string; name: string };
  outgoing: Person[];
  incoming?: Person[];
}

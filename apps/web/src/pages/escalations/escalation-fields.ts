import { ACTOR_FIELDS } from '../../components/actor.js';

export const ESCALATION_CHANGED = `subscription EscalationChanged($id: ID) { escalationChanged(id: $id) { id } }`;

export const OPEN_ESCALATIONS = `query OpenEscalations($filter: OpenEscalationsFilter, $after: String) {
  openEscalations(first: 25, after: $after, filter: $filter) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes {
      id title severity state raisedAt ageMinutes incidentTag
      rotation { id name timeZone }
      dri { id name }
      currentPage { id state ackDeadline recipients { id name } }
    }
  }
}`;

export const ESCALATION_FILTER_CHOICES = `query EscalationFilterChoices {
  rotations(first: 100) { nodes { id name team } }
}`;

/** One escalation in three queries: the API limits each operation's cost (GRAPHQL_MAX_COST). */
export const ESCALATION = `query EscalationDetail($id: ID!) {
  escalation(id: $id) {
    id title description severity state incidentTag links
    raisedAt driSince closedAt
    raisedBy { ${ACTOR_FIELDS} }
    rotation { id name timeZone team }
    service { id name }
    dri { id name }
    currentPage { id state ackDeadline layer recipients { id name } }
    pages(first: 10) { nodes { id state acknowledgedBy { id } } }
  }
}`;

export const ESCALATION_NOTES = `query EscalationNotes($id: ID!) {
  escalation(id: $id) {
    id
    notes(first: 20) { totalCount nodes { id at kind text author { ${ACTOR_FIELDS} } } }
  }
}`;

export const ESCALATION_TIMELINE = `query EscalationTimeline($id: ID!) {
  escalation(id: $id) {
    id
    timeline(first: 30) { totalCount pageInfo { hasNextPage } nodes { at description actor { ${ACTOR_FIELDS} } } }
  }
}`;

export const BACKUP_POOL = `query EscalationBackupPool($id: ID!) {
  escalation(id: $id) { id policy { backupPool { id name reachable } } }
}`;

export const RESPONDERS = `query ReassignChoices { responders(first: 100) { nodes { id name team state } } }`;

export const ACKNOWLEDGE_PAGE = `mutation AcknowledgePage($pageId: ID!) {
  acknowledgePage(pageId: $pageId) { id state escalation { id state dri { id name } } }
}`;

export const RESOLVE_PAGE = `mutation ResolvePage($pageId: ID!) {
  resolvePage(pageId: $pageId) { id state escalation { id state dri { id name } } }
}`;

export const ADD_NOTE = `mutation AddEscalationNote($input: EscalationNoteInput!) {
  addEscalationNote(input: $input) { id notes(first: 1) { totalCount } }
}`;

export const REASSIGN = `mutation ReassignEscalation($input: ReassignEscalationInput!) {
  reassignEscalation(input: $input) { id dri { id name } }
}`;

export const PAGE_BACKUP_POOL = `mutation PageBackupPool($escalationId: ID!) {
  pageBackupPool(escalationId: $escalationId) { id state }
}`;

export const SEVERITIES = ['S1', 'S2', 'S3', 'S4'] as const;
export const OPEN_STATES = ['OPEN', 'ACKNOWLEDGED', 'MITIGATED'] as const;

export interface EscalationSummary {
  id: string;
  title: string;
  severity: string;
  state: string;
  raisedAt: string;
  ageMinutes: number;
  incidentTag: string | null;
  rotation: { id: string; name: string; timeZone: string };
  dri: { id: string; name: string } | null;
  currentPage: { id: string; state: string; ackDeadline: string; recipients: { id: string; name: string }[] } | null;
}

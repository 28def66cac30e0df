const STATS = `escalations acknowledged acknowledgedWithinSlo medianSecondsToAcknowledge p90SecondsToAcknowledge withinSloShare`;

export const ESCALATION_FIGURES = `
  query EscalationFiguresPage($from: DateTime!, $to: DateTime!, $timeZone: String, $team: String) {
    escalationFigures(from: $from, to: $to, timeZone: $timeZone, team: $team) {
      total { ${STATS} }
      weeks { week weekStart stats { ${STATS} } }
    }
  }`;

export const FIGURE_ROTATIONS = `query FigureRotations { rotations(first: 100) { nodes { id name team } } }`;

export const ACK_SLO = `query AckSlo($rotationId: ID!) { escalationPolicy(rotationId: $rotationId) { ackSloMinutes isDefault } }`;

export const ON_CALL_HOURS = `
  query OnCallHoursPage($from: DateTime!, $to: DateTime!, $team: String) {
    onCallHours(from: $from, to: $to, team: $team) { totalHours workingHours offHours responder { id name } }
  }`;

export const WEEKEND = `
  query WeekendFigures($quarter: String!) {
    weekendSlots(quarter: $quarter) { count responder { id name } slots { start end rotation { name } } }
    weekendThankYou(quarter: $quarter) { quarter markdown people { count responder { id } } }
  }`;

export interface Stats {
  escalations: number;
  acknowledged: number;
  acknowledgedWithinSlo: number;
  medianSecondsToAcknowledge: number | null;
  p90SecondsToAcknowledge: number | null;
  withinSloShare: number | null;
}

export interface EscalationFiguresData {
  escalationFigures: { total: Stats; weeks: { week: string; weekStart: string; stats: Stats }[] };
}

export interface OnCallHoursData {
  onCallHours: {
    totalHours: number;
    workingHours: number;
    offHours: number;
    responder: { id: string; name: string };
  }[];
}

export interface WeekendData {
  weekendSlots: {
    count: number;
    responder: { id: string; name: string };
    slots: { start: string; end: string; rotation: { name: string } }[];
  }[];
  weekendThankYou: { quarter: string; markdown: string; people: { count: number; responder: { id: string } }[] };
}

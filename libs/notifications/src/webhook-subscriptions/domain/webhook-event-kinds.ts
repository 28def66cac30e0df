/** What an outbound webhook subscription can be told about. */
export const WEBHOOK_EVENT_KINDS = [
  'ESCALATION_RAISED',
  'ESCALATION_ACKNOWLEDGED',
  'ESCALATION_RESOLVED',
  'HANDOVER',
  'RAPID_ACTION_UPDATE',
] as const;

export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

/** The store's event types each kind covers, and the `type` the receiver sees. */
export const WEBHOOK_EVENT_TYPES: Record<string, { kind: WebhookEventKind; type: string }> = {
  EscalationRaised: { kind: 'ESCALATION_RAISED', type: 'escalation.raised' },
  PageAcknowledged: { kind: 'ESCALATION_ACKNOWLEDGED', type: 'escalation.acknowledged' },
  EscalationResolved: { kind: 'ESCALATION_RESOLVED', type: 'escalation.resolved' },
  ShiftBoundaryRecorded: { kind: 'HANDOVER', type: 'handover.boundary_recorded' },
  HandoverSummaryWritten: { kind: 'HANDOVER', type: 'handover.summary_written' },
  HandoverItemAccepted: { kind: 'HANDOVER', type: 'handover.accepted' },
  HandoverItemOverdue: { kind: 'HANDOVER', type: 'handover.overdue' },
  RapidActionUpdatePosted: { kind: 'RAPID_ACTION_UPDATE', type: 'rapid_action.update_posted' },
  RapidActionUpdateAmended: { kind: 'RAPID_ACTION_UPDATE', type: 'rapid_action.update_amended' },
};

const SEVERITY_ORDER = ['S1', 'S2', 'S3', 'S4'];

export interface OrderedItem {
  escalationId: string;
  severity: string;
  raisedAt: string;
}

const rank = (severity: string) => {
  const index = SEVERITY_ORDER.indexOf(severity);
  return index === -1 ? SEVERITY_ORDER.length : index;
};

/** Handover items: the most severe first (S1 before S4), then the oldest first. */
export function compareHandoverItems(a: OrderedItem, b: OrderedItem): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    a.raisedAt.localeCompare(b.raisedAt) ||
    a.escalationId.localeCompare(b.escalationId)
  );
}

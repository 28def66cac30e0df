/** The marks next to a person's name: the DRI, and whether a page can reach them. */
export function UnreachableBadge() {
  return (
    <span className="badge unreachable" title="No verified contact method: a page would reach nobody">
      Unreachable
    </span>
  );
}

export function DriBadge() {
  return (
    <span className="badge dri" title="Directly responsible individual">
      DRI
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge sev-${severity}`}>{severity}</span>;
}

export function StateBadge({ state }: { state: string }) {
  return <span className="badge info">{state.toLowerCase().replace(/_/g, ' ')}</span>;
}

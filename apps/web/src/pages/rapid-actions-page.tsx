import { useState } from 'react';
import { useQuery } from 'urql';
import { useLiveRefetch } from '../api/live.js';
import { LiveNote } from '../components/live-note.js';
import { ErrorText } from './common/error-text.js';
import { formatInstant } from './common/format.js';
import { useMe } from './common/me.js';
import { Digest } from './rapid-actions/digest.js';
import { RapidActionDetail } from './rapid-actions/rapid-action-detail.js';
import { RAPID_ACTIONS, RAPID_ACTION_LIVE, type RapidActionSummary } from './rapid-actions/rapid-actions.queries.js';
import './pages.css';

interface ListData {
  overdue: { totalCount: number; nodes: RapidActionSummary[] };
  onTime: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: RapidActionSummary[];
  };
}

/** Rapid actions, overdue ones first; one action's criteria, update form and updates; the daily digest. */
export default function RapidActionsPage() {
  const me = useMe();
  const [after, setAfter] = useState<string | undefined>();
  const [{ data, error, fetching }, refetch] = useQuery<ListData>({ query: RAPID_ACTIONS, variables: { after } });
  const [changes, setChanges] = useState(0);
  const [selectedId, setSelectedId] = useState(() => new URLSearchParams(window.location.search).get('id') ?? '');
  const live = useLiveRefetch(RAPID_ACTION_LIVE, { id: null }, () => {
    refetch({ requestPolicy: 'network-only' });
    setChanges((n) => n + 1);
  });
  const actions = data ? [...data.overdue.nodes, ...data.onTime.nodes] : [];
  return (
    <div className="pg-page">
      <h1>Rapid actions</h1>
      <LiveNote mode={live} />
      <ErrorText error={error} what="Loading the rapid actions" />
      {fetching && !data ? <p>Loading rapid actions…</p> : null}
      <section className="pg-card" aria-labelledby="ra-list-heading">
        <h2 id="ra-list-heading">
          {data ? `${data.overdue.totalCount} overdue, ${data.onTime.totalCount} on time or resolved` : 'Rapid actions'}
        </h2>
        {data && actions.length === 0 ? <p>No rapid action you may see.</p> : null}
        <ul className="pg-list">
          {actions.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                aria-current={a.id === selectedId ? 'true' : undefined}
                onClick={() => setSelectedId(a.id)}
              >
                <span className={`pg-badge pg-sev-${a.severity.toLowerCase()}`}>{a.severity}</span> {a.title}
                <span className="ra-meta">
                  {a.overdue ? (
                    <strong className="pg-warn"> Overdue</strong>
                  ) : a.state === 'RESOLVED' ? (
                    ' Resolved'
                  ) : (
                    ' On time'
                  )}
                  {a.confidential ? ' · confidential' : ''} · DRI {a.dri.name} · exit criteria {a.exitCriteriaMet}/
                  {a.exitCriteriaTotal}
                  {a.latestUpdate ? ` · last update ${a.latestUpdate.date}` : ' · no update yet'}
                  {a.nextUpdateDueBy && !a.overdue ? ` · next due ${formatInstant(a.nextUpdateDueBy)}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="pg-row">
          {after ? (
            <button type="button" onClick={() => setAfter(undefined)}>
              Back to the first page
            </button>
          ) : null}
          {data?.onTime.pageInfo.hasNextPage ? (
            <button type="button" onClick={() => setAfter(data.onTime.pageInfo.endCursor ?? undefined)}>
              More rapid actions
            </button>
          ) : null}
        </div>
      </section>
      {selectedId ? (
        <RapidActionDetail
          key={selectedId}
          id={selectedId}
          me={me}
          onChanged={() => {
            refetch({ requestPolicy: 'network-only' });
            setChanges((n) => n + 1);
          }}
        />
      ) : null}
      <Digest refresh={changes} />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { MarkdownBlock } from '../common/copy-button.js';
import { ErrorText } from '../common/error-text.js';
import { formatInstant, inBothZones } from '../common/format.js';
import type { Me } from '../common/me.js';
import { ExitCriteria } from './exit-criteria.js';
import { UpdateForm } from './update-form.js';
import { useLiveRefetch } from '../../api/live.js';
import { RAPID_ACTION, RAPID_ACTION_LIVE, type RapidActionDetail as Detail } from './rapid-actions.queries.js';

/** One rapid action: the problem, its exit criteria, the update form for the DRI and sub-DRIs, the updates. */
export function RapidActionDetail({ id, me, onChanged }: { id: string; me: Me | undefined; onChanged: () => void }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ rapidAction: Detail }>({
    query: RAPID_ACTION,
    variables: { id },
  });
  const [message, setMessage] = useState('');
  useLiveRefetch(RAPID_ACTION_LIVE, { id }, () => refetch({ requestPolicy: 'network-only' }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [data?.rapidAction.id]);
  const action = data?.rapidAction;
  const mine = me?.actor.responder?.id;
  const isDri = !!action && action.dri.id === mine;
  const isSubDri = !!action && action.subDris.some((s) => s.responder.id === mine);

  function changed(words: string) {
    setMessage(words);
    refetch({ requestPolicy: 'network-only' });
    onChanged();
  }

  return (
    <section className="pg-card" aria-labelledby="rapid-action-heading">
      {fetching && !data ? <p>Loading the rapid action…</p> : null}
      <ErrorText error={error} what="Loading the rapid action" />
      {action ? (
        <>
          <h2 id="rapid-action-heading" tabIndex={-1} ref={heading}>
            <span className={`pg-badge pg-sev-${action.severity.toLowerCase()}`}>{action.severity}</span> {action.title}
          </h2>
          <p>
            {action.state === 'OPEN' ? 'Open' : 'Resolved'}
            {action.confidential ? ', confidential (seen by its members only)' : ''}. DRI: {action.dri.name}. Declared{' '}
            {formatInstant(action.declaredAt)}.
          </p>
          {action.overdue ? (
            <p className="pg-warn">
              Overdue since{' '}
              {action.overdueSince ? inBothZones(action.overdueSince, action.driTimeZone) : 'the last business day'}: no
              update by the end of the next business day.
            </p>
          ) : action.nextUpdateDueBy ? (
            <p>Next update due by {inBothZones(action.nextUpdateDueBy, action.driTimeZone)}.</p>
          ) : null}
          <p role="status" aria-live="polite" className="pg-status">
            {message}
          </p>
          <h3>Problem</h3>
          <p>{action.problemStatement}</p>
          <ul>
            {action.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
          {action.subDris.length > 0 ? (
            <p>Sub-DRIs: {action.subDris.map((s) => `${s.responder.name} (${s.scope.description})`).join(', ')}.</p>
          ) : null}
          {action.stakeholders.length > 0 ? (
            <p>Stakeholders: {action.stakeholders.map((s) => s.name).join(', ')}.</p>
          ) : null}
          {action.openBlockers.length > 0 ? (
            <>
              <h3>Open blockers</h3>
              <ul>
                {action.openBlockers.map((b, i) => (
                  <li key={i}>
                    {b.date}
                    {b.scope ? ` (${b.scope.description})` : ''}: {b.blockers}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <ExitCriteria action={action} canReport={isDri || isSubDri} canEdit={isDri} onChanged={changed} />
          {(isDri || isSubDri) && action.state === 'OPEN' ? <UpdateForm action={action} onPosted={changed} /> : null}
          <h3>Updates ({action.updates.totalCount})</h3>
          {action.updates.nodes.length === 0 ? <p>No update yet.</p> : null}
          {action.updates.nodes.map((u) => (
            <article key={u.id} className="ra-update" aria-label={`Update of ${u.date}`}>
              <p className="pg-hint">
                {u.postedBy?.name ?? 'Someone'} (
                {u.postedAs === 'DRI' ? 'DRI' : `sub-DRI${u.scope ? `, ${u.scope.description}` : ''}`}), posted{' '}
                {formatInstant(u.postedAt)}
                {u.version > 1 ? `, version ${u.version}` : ''}
              </p>
              <MarkdownBlock markdown={u.markdown} label={`Update of ${u.date} as Markdown`} />
            </article>
          ))}
        </>
      ) : null}
    </section>
  );
}

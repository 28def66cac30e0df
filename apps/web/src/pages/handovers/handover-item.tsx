import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorText } from '../common/error-text.js';
import { formatInstant, formatSeconds } from '../common/format.js';
import { isLead, type Me } from '../common/me.js';
import { ACCEPT, WRITE_SUMMARY, type Boundary, type HandoverItem } from './handovers.queries.js';

interface Props {
  boundary: Boundary;
  item: HandoverItem;
  me: Me | undefined;
  onChanged: (words: string) => void;
}

const STATE_WORDS: Record<string, string> = {
  OPEN: 'open',
  ACKNOWLEDGED: 'acknowledged',
  MITIGATED: 'mitigated',
  RESOLVED: 'resolved',
  DOWNGRADED: 'downgraded',
};

/** One escalation to hand over: its summary form for the outgoing DRI, Accept for whoever takes over. */
export function HandoverItemCard({ boundary, item, me, onChanged }: Props) {
  const mine = me?.actor.responder;
  const closed = item.state === 'RESOLVED' || item.state === 'DOWNGRADED';
  const canWrite = !!mine && item.dri?.id === mine.id && !item.handedOver && !closed;
  const incoming = !!mine && boundary.incoming.some((p) => p.id === mine.id);
  const canAccept = !item.handedOver && !closed && (incoming || isLead(me));
  const titleId = `item-${item.escalation.id}`;
  return (
    <article className="pg-card ho-item" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <span className={`pg-badge pg-sev-${item.severity.toLowerCase()}`}>{item.severity}</span>{' '}
        {item.escalation.title}
      </h3>
      <p>
        {STATE_WORDS[item.state] ?? item.state} (was {STATE_WORDS[item.stateAtBoundary] ?? item.stateAtBoundary} at the
        boundary), open for {formatSeconds(item.ageMinutes * 60)}. DRI at the boundary: {item.driAtBoundary.name}; now:{' '}
        {item.dri?.name ?? 'nobody'}.
      </p>
      {item.handedOver ? (
        <p className="pg-ok">
          Handed over: accepted by {item.acceptedBy?.name ?? 'someone'}
          {item.acceptedAt ? ` ${formatInstant(item.acceptedAt)}` : ''}; DRI now {item.newDri?.name ?? item.dri?.name}.
        </p>
      ) : item.overdue ? (
        <p className="pg-warn">Overdue: not handed over by {formatInstant(boundary.handOverBy)}.</p>
      ) : (
        <p>Waiting to be accepted.</p>
      )}
      {item.lastNote ? <p>Last note: {item.lastNote.text}</p> : null}
      {item.summary && !canWrite ? (
        <dl className="pg-facts">
          <dt>Status</dt>
          <dd>{item.summary.status}</dd>
          <dt>Tried</dt>
          <dd>{item.summary.tried}</dd>
          <dt>Next steps</dt>
          <dd>{item.summary.nextSteps}</dd>
          <dt>Written by</dt>
          <dd>
            {item.summary.author.name}, {formatInstant(item.summary.writtenAt)}
            {item.summary.fromDraft ? ' (from the draft)' : ''}
          </dd>
        </dl>
      ) : null}
      {!item.summary && !canWrite ? <p>No summary written yet.</p> : null}
      {canWrite ? <SummaryForm {...{ boundary, item, me, onChanged }} /> : null}
      {canAccept ? <AcceptForm {...{ boundary, item, me, onChanged }} incoming={incoming} /> : null}
    </article>
  );
}

function SummaryForm({ boundary, item, onChanged }: Props) {
  const [status, setStatus] = useState(item.summary?.status ?? '');
  const [tried, setTried] = useState(item.summary?.tried ?? '');
  const [nextSteps, setNextSteps] = useState(item.summary?.nextSteps ?? '');
  const [result, write] = useMutation(WRITE_SUMMARY);
  const id = item.escalation.id;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const answer = await write({ input: { boundaryId: boundary.id, escalationId: id, status, tried, nextSteps } });
    if (!answer.error) onChanged(`Summary saved for ${item.escalation.title}.`);
  }
  return (
    <form className="pg-form" onSubmit={submit} aria-label={`Hand over ${item.escalation.title}`}>
      <h4>{item.summary ? 'Rewrite the summary' : 'Write the summary'}</h4>
      <label htmlFor={`status-${id}`}>Where things stand</label>
      <textarea id={`status-${id}`} value={status} onChange={(e) => setStatus(e.target.value)} required rows={2} />
      <label htmlFor={`tried-${id}`}>What was tried</label>
      <textarea id={`tried-${id}`} value={tried} onChange={(e) => setTried(e.target.value)} required rows={2} />
      <label htmlFor={`next-${id}`}>Next steps</label>
      <textarea id={`next-${id}`} value={nextSteps} onChange={(e) => setNextSteps(e.target.value)} required rows={2} />
      <button type="submit" disabled={result.fetching}>
        Save the summary
      </button>
      <ErrorText error={result.error} what="Saving the summary" />
    </form>
  );
}

/** Accept for everything still waiting at the boundary, for whoever takes over there. */
export function AcceptAll({ boundary, onChanged }: { boundary: Boundary; onChanged: (words: string) => void }) {
  const [result, accept] = useMutation(ACCEPT);
  return (
    <div className="pg-row">
      <button
        type="button"
        disabled={result.fetching}
        onClick={async () => {
          const answer = await accept({ input: { boundaryId: boundary.id } });
          if (!answer.error) onChanged(`Accepted all ${boundary.pendingCount} waiting items.`);
        }}
      >
        Accept all {boundary.pendingCount} waiting
      </button>
      <ErrorText error={result.error} what="Accepting" />
    </div>
  );
}

function AcceptForm({ boundary, item, me, onChanged, incoming }: Props & { incoming: boolean }) {
  const mine = me?.actor.responder;
  const [driId, setDriId] = useState(incoming ? '' : (boundary.incoming[0]?.id ?? ''));
  const [result, accept] = useMutation(ACCEPT);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = { boundaryId: boundary.id, escalationIds: [item.escalation.id], ...(driId ? { driId } : {}) };
    const answer = await accept({ input });
    if (!answer.error) onChanged(`Accepted ${item.escalation.title}.`);
  }
  return (
    <form className="pg-form pg-inline" onSubmit={submit} aria-label={`Accept ${item.escalation.title}`}>
      <label>
        DRI from now
        <select value={driId} onChange={(e) => setDriId(e.target.value)}>
          {incoming ? <option value="">{mine?.name} (me)</option> : null}
          {boundary.incoming
            .filter((p) => p.id !== mine?.id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" disabled={result.fetching}>
        Accept
      </button>
      <ErrorText error={result.error} what="Accepting" />
    </form>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useLiveRefetch } from '../api/live.js';
import { LiveNote } from '../components/live-note.js';
import { MarkdownBlock } from './common/copy-button.js';
import { ErrorText } from './common/error-text.js';
import { inBothZones, formatInstant } from './common/format.js';
import { useMe } from './common/me.js';
import { AcceptAll, HandoverItemCard } from './handovers/handover-item.js';
import {
  BOUNDARIES,
  HANDED_TO_ME,
  HANDOVER,
  HANDOVER_LIVE,
  HANDOVER_ROTATIONS,
  type Boundary,
  type BoundarySummary,
} from './handovers/handovers.queries.js';
import './pages.css';

const names = (people: { name: string }[]) => people.map((p) => p.name).join(', ') || 'nobody';

/** Shift boundaries and what was handed over at each: summaries by the outgoing DRI, Accept for the incoming, the Markdown. */
export default function HandoversPage() {
  const me = useMe();
  const [rotations] = useQuery<{
    rotations: { nodes: { id: string; name: string; team: string; timeZone: string }[] };
  }>({
    query: HANDOVER_ROTATIONS,
  });
  const list = rotations.data?.rotations.nodes ?? [];
  const [rotationId, setRotationId] = useState('');
  const rotation = list.find((r) => r.id === rotationId) ?? list[0];
  const [boundaryId, setBoundaryId] = useState(() => new URLSearchParams(window.location.search).get('boundary') ?? '');
  const mine = me?.actor.responder;

  const [handedToMe, refetchHandedToMe] = useQuery<{
    inProgressFromPreviousShift: { totalCount: number; nodes: BoundarySummary[] };
  }>({
    query: HANDED_TO_ME,
    variables: { responderId: mine?.id },
    pause: !mine,
  });
  const [boundaries, refetchBoundaries] = useQuery<{
    shiftBoundaries: { totalCount: number; nodes: BoundarySummary[] };
  }>({
    query: BOUNDARIES,
    variables: { rotationId: rotation?.id },
    pause: !rotation,
  });

  const live = useLiveRefetch(HANDOVER_LIVE, { boundaryId: null }, () => {
    if (mine) refetchHandedToMe({ requestPolicy: 'network-only' });
    if (rotation) refetchBoundaries({ requestPolicy: 'network-only' });
  });

  return (
    <div className="pg-page">
      <h1>Handovers</h1>
      <LiveNote mode={live} />
      <ErrorText error={rotations.error} what="Loading the rotations" />
      {mine ? (
        <section className="pg-card" aria-labelledby="handed-to-me">
          <h2 id="handed-to-me">Handed to me</h2>
          <ErrorText error={handedToMe.error} what="Loading what was handed to you" />
          {handedToMe.data?.inProgressFromPreviousShift.nodes.length === 0 ? <p>Nothing is waiting for you.</p> : null}
          <BoundaryList
            boundaries={handedToMe.data?.inProgressFromPreviousShift.nodes ?? []}
            selectedId={boundaryId}
            onSelect={setBoundaryId}
          />
        </section>
      ) : null}
      {rotation ? (
        <section className="pg-card" aria-labelledby="boundaries-heading">
          <h2 id="boundaries-heading">Shift boundaries</h2>
          <label>
            Rotation
            <select value={rotation.id} onChange={(e) => setRotationId(e.target.value)}>
              {list.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.team})
                </option>
              ))}
            </select>
          </label>
          <ErrorText error={boundaries.error} what="Loading the shift boundaries" />
          {boundaries.data?.shiftBoundaries.nodes.length === 0 ? (
            <p>No shift of {rotation.name} has ended with something to hand over yet.</p>
          ) : null}
          <BoundaryList
            boundaries={boundaries.data?.shiftBoundaries.nodes ?? []}
            selectedId={boundaryId}
            onSelect={setBoundaryId}
          />
        </section>
      ) : rotations.data ? (
        <p>There are no rotations yet.</p>
      ) : null}
      {boundaryId ? <BoundaryDetail key={boundaryId} boundaryId={boundaryId} me={me} /> : null}
    </div>
  );
}

function BoundaryList({
  boundaries,
  selectedId,
  onSelect,
}: {
  boundaries: BoundarySummary[];
  selectedId: string;
  onSelect: (id: string) => void;
}) {
  if (boundaries.length === 0) return null;
  return (
    <ul className="pg-list">
      {boundaries.map((b) => (
        <li key={b.id}>
          <button type="button" aria-current={b.id === selectedId ? 'true' : undefined} onClick={() => onSelect(b.id)}>
            {b.rotation ? `${b.rotation.name}: ` : ''}
            {formatInstant(b.at)}, from {names(b.outgoing)}
            {b.incoming ? ` to ${names(b.incoming)}` : ''} · {b.pendingCount} waiting
          </button>
        </li>
      ))}
    </ul>
  );
}

function BoundaryDetail({ boundaryId, me }: { boundaryId: string; me: ReturnType<typeof useMe> }) {
  const [{ data, error, fetching }, refetch] = useQuery<{ handover: Boundary }>({
    query: HANDOVER,
    variables: { boundaryId },
  });
  const [message, setMessage] = useState('');
  useLiveRefetch(HANDOVER_LIVE, { boundaryId }, () => refetch({ requestPolicy: 'network-only' }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [data?.handover.id]);
  const boundary = data?.handover;
  return (
    <section className="pg-card" aria-labelledby="boundary-heading">
      {fetching && !data ? <p>Loading the handover…</p> : null}
      <ErrorText error={error} what="Loading the handover" />
      {boundary ? (
        <>
          <h2 id="boundary-heading" tabIndex={-1} ref={heading}>
            {boundary.rotation.name}: shift ended {formatInstant(boundary.at)}
          </h2>
          <p>
            {inBothZones(boundary.at, boundary.rotation.timeZone)}
            {boundary.endedEarly ? ' (ended early)' : ''}. From {names(boundary.outgoing)} to {names(boundary.incoming)}
            . Hand over by {formatInstant(boundary.handOverBy)}; {boundary.pendingCount} item(s) waiting.
          </p>
          <p role="status" aria-live="polite" className="pg-status">
            {message}
          </p>
          {boundary.items.length === 0 ? <p>Nothing was open at this boundary.</p> : null}
          {boundary.pendingCount > 1 &&
          me?.actor.responder &&
          boundary.incoming.some((p) => p.id === me.actor.responder?.id) ? (
            <AcceptAll
              boundary={boundary}
              onChanged={(words) => {
                setMessage(words);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          ) : null}
          {boundary.items.map((item) => (
            <HandoverItemCard
              key={item.escalation.id}
              boundary={boundary}
              item={item}
              me={me}
              onChanged={(words) => {
                setMessage(words);
                refetch({ requestPolicy: 'network-only' });
              }}
            />
          ))}
          <MarkdownBlock markdown={boundary.markdown} label="The handover as Markdown" />
        </>
      ) : null}
    </section>
  );
}

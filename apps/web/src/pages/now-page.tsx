import { useQuery } from 'urql';
import { useLiveRefetch } from '../api/live.js';
import { ErrorMessage, Loading } from '../components/error-message.js';
import { DriBadge, UnreachableBadge } from '../components/responder-badges.js';
import { DualTime } from '../components/time.js';
import { LiveNote } from '../components/live-note.js';

const NOW = `query NowOnCall {
  currentOnCall {
    at
    rotation { id name team timeZone }
    dri { responder { id name } }
    onCall {
      start end isDri reachable
      reason { kind replaced { name } swappedWith { name } }
      responder { id name handle timeZone }
    }
    shadows { id name }
  }
}`;

const ON_CALL_CHANGED = `subscription NowChanged { onCallChanged { rotation { id } } }`;

interface OnCallStretch {
  start: string;
  end: string;
  isDri: boolean;
  reachable: boolean;
  reason: { kind: string; replaced: { name: string } | null; swappedWith: { name: string } | null };
  responder: { id: string; name: string; handle: string; timeZone: string };
}

interface RotationOnCall {
  at: string;
  rotation: { id: string; name: string; team: string; timeZone: string };
  dri: { responder: { id: string; name: string } } | null;
  onCall: OnCallStretch[];
  shadows: { id: string; name: string }[];
}

const REASON: Record<string, string> = {
  TURN: 'their turn',
  OVERRIDE: 'override',
  SWAP: 'swap',
  VOLUNTEER: 'volunteered for the slot',
  AUTOMATIC: 'assigned the slot',
};

function reasonInWords(reason: OnCallStretch['reason']): string {
  const words = REASON[reason.kind] ?? reason.kind.toLowerCase();
  if (reason.kind === 'OVERRIDE' && reason.replaced) return `${words}, covering for ${reason.replaced.name}`;
  if (reason.kind === 'SWAP' && reason.swappedWith) return `${words} with ${reason.swappedWith.name}`;
  return words;
}

function byTeam(rotations: RotationOnCall[]): [string, RotationOnCall[]][] {
  const teams = new Map<string, RotationOnCall[]>();
  for (const entry of rotations) teams.set(entry.rotation.team, [...(teams.get(entry.rotation.team) ?? []), entry]);
  return [...teams.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Who is on call now for every rotation, by team: the DRI, each time in two zones, who cannot be reached. */
export default function NowPage() {
  const [result, refetch] = useQuery<{ currentOnCall: RotationOnCall[] }>({ query: NOW });
  const mode = useLiveRefetch(ON_CALL_CHANGED, {}, () => refetch({ requestPolicy: 'network-only' }));
  const rotations = result.data?.currentOnCall ?? [];
  const unreachable = rotations.flatMap((entry) =>
    entry.onCall.filter((stretch) => !stretch.reachable).map((stretch) => ({ stretch, rotation: entry.rotation })),
  );

  return (
    <section aria-labelledby="now-title">
      <h1 id="now-title">On call now</h1>
      <LiveNote mode={mode} />
      {result.error ? (
        <ErrorMessage error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
      {result.fetching && !result.data ? <Loading what="who is on call" /> : null}
      {result.data && rotations.length === 0 ? <p>No rotation exists yet.</p> : null}
      {unreachable.length > 0 ? (
        <div className="error" role="note" aria-labelledby="unreachable-title">
          <h2 id="unreachable-title">Cannot be reached</h2>
          <p>These people are on call but have no verified contact method: a page would reach nobody.</p>
          <ul>
            {unreachable.map(({ stretch, rotation }) => (
              <li key={`${rotation.id}-${stretch.responder.id}`}>
                {stretch.responder.name} ({rotation.name})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {byTeam(rotations).map(([team, entries]) => (
        <section key={team} aria-labelledby={`team-${team}`}>
          <h2 id={`team-${team}`}>Team {team}</h2>
          <TeamDri entries={entries} />
          <ul className="cards">
            {entries.map((entry) => (
              <li key={entry.rotation.id} className="card" aria-labelledby={`rotation-${entry.rotation.id}`}>
                <RotationNow entry={entry} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/** Where several rotations of a team overlap, the one holding the DRI window names the DRI. */
function TeamDri({ entries }: { entries: RotationOnCall[] }) {
  const dris = entries.filter((entry) => entry.dri);
  const overlapping = entries.filter((entry) => entry.onCall.length > 0).length > 1;
  if (dris.length === 0) return null;
  return (
    <p className="team-dri">
      <DriBadge /> {overlapping ? 'Where shifts overlap, the DRI is ' : 'The DRI is '}
      {dris.map((entry, index) => (
        <span key={entry.rotation.id}>
          {index > 0 ? ', ' : ''}
          <strong>{entry.dri!.responder.name}</strong> ({entry.rotation.name})
        </span>
      ))}
      .
    </p>
  );
}

function RotationNow({ entry }: { entry: RotationOnCall }) {
  const { rotation } = entry;
  return (
    <>
      <h3 id={`rotation-${rotation.id}`}>{rotation.name}</h3>
      <p className="muted">Rotation zone: {rotation.timeZone}</p>
      {entry.onCall.length === 0 ? <p>Nobody is on call (outside the rotation’s coverage).</p> : null}
      {entry.dri ? (
        <p>
          <DriBadge /> {entry.dri.responder.name} holds this rotation’s DRI window now.
        </p>
      ) : null}
      <ul className="people">
        {entry.onCall.map((stretch) => (
          <li key={`${stretch.responder.id}-${stretch.start}`}>
            <p className="row">
              <strong>{stretch.responder.name}</strong>
              {stretch.isDri ? <DriBadge /> : null}
              {!stretch.reachable ? <UnreachableBadge /> : null}
              <span className="muted">({reasonInWords(stretch.reason)})</span>
            </p>
            <p className="times">
              From <DualTime at={stretch.start} zone={rotation.timeZone} />
              <br />
              Until <DualTime at={stretch.end} zone={rotation.timeZone} />
            </p>
          </li>
        ))}
      </ul>
      {entry.shadows.length > 0 ? (
        <p className="muted">Shadowing (paged to learn): {entry.shadows.map((shadow) => shadow.name).join(', ')}</p>
      ) : null}
    </>
  );
}

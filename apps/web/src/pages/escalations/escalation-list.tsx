import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useLiveRefetch } from '../../api/live.js';
import { useSignedIn } from '../../auth/session.js';
import { ErrorMessage, Loading } from '../../components/error-message.js';
import { LiveNote } from '../../components/live-note.js';
import { SeverityBadge, StateBadge } from '../../components/responder-badges.js';
import { DualTime, relative } from '../../components/time.js';
import { Link, useRouter } from '../../router/router.js';
import {
  ESCALATION_CHANGED,
  ESCALATION_FILTER_CHOICES,
  OPEN_ESCALATIONS,
  OPEN_STATES,
  SEVERITIES,
  type EscalationSummary,
} from './escalation-fields.js';

interface Filters {
  severities: string[];
  states: string[];
  rotationId: string;
  mine: boolean;
}

/** The filters live in the address (?severity=S1,S2&state=OPEN&rotation=ID&mine=1), so a view can be shared. */
function filtersFrom(search: URLSearchParams): Filters {
  const list = (name: string) => (search.get(name) ?? '').split(',').filter(Boolean);
  return {
    severities: list('severity').filter((value) => (SEVERITIES as readonly string[]).includes(value)),
    states: list('state').filter((value) => (OPEN_STATES as readonly string[]).includes(value)),
    rotationId: search.get('rotation') ?? '',
    mine: search.get('mine') === '1',
  };
}

function searchFrom(filters: Filters): string {
  const search = new URLSearchParams();
  if (filters.severities.length) search.set('severity', filters.severities.join(','));
  if (filters.states.length) search.set('state', filters.states.join(','));
  if (filters.rotationId) search.set('rotation', filters.rotationId);
  if (filters.mine) search.set('mine', '1');
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function EscalationList() {
  const { search, navigate } = useRouter();
  const { actor } = useSignedIn();
  const filters = filtersFrom(search);
  const filter = useMemo(
    () => ({
      ...(filters.severities.length ? { severities: filters.severities } : {}),
      ...(filters.states.length ? { states: filters.states } : {}),
      ...(filters.rotationId ? { rotationIds: [filters.rotationId] } : {}),
      ...(filters.mine && actor.responderId ? { driId: actor.responderId } : {}),
    }),
    [filters.severities.join(), filters.states.join(), filters.rotationId, filters.mine, actor.responderId],
  );
  const [result, refetch] = useQuery<{
    openEscalations: { totalCount: number; nodes: EscalationSummary[]; pageInfo: { hasNextPage: boolean } };
  }>({ query: OPEN_ESCALATIONS, variables: { filter } });
  const [choices] = useQuery<{ rotations: { nodes: { id: string; name: string; team: string }[] } }>({
    query: ESCALATION_FILTER_CHOICES,
  });
  const mode = useLiveRefetch(ESCALATION_CHANGED, {}, () => refetch({ requestPolicy: 'network-only' }));
  const change = (next: Partial<Filters>) =>
    navigate(`/escalations${searchFrom({ ...filters, ...next })}`, { replace: true });
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
  const list = result.data?.openEscalations;

  return (
    <section aria-labelledby="escalations-title">
      <h1 id="escalations-title">Open escalations</h1>
      <LiveNote mode={mode} />
      <form className="card filters" aria-label="Filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Severity</legend>
          <div className="inline-choices">
            {SEVERITIES.map((severity) => (
              <label key={severity}>
                <input
                  type="checkbox"
                  checked={filters.severities.includes(severity)}
                  onChange={() => change({ severities: toggle(filters.severities, severity) })}
                />
                {severity}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>State</legend>
          <div className="inline-choices">
            {OPEN_STATES.map((state) => (
              <label key={state}>
                <input
                  type="checkbox"
                  checked={filters.states.includes(state)}
                  onChange={() => change({ states: toggle(filters.states, state) })}
                />
                {state.toLowerCase()}
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor="filter-rotation">Rotation</label>
        <select
          id="filter-rotation"
          value={filters.rotationId}
          onChange={(event) => change({ rotationId: event.target.value })}
        >
          <option value="">Every rotation</option>
          {(choices.data?.rotations.nodes ?? []).map((rotation) => (
            <option key={rotation.id} value={rotation.id}>
              {rotation.name} ({rotation.team})
            </option>
          ))}
        </select>
        {actor.responderId ? (
          <div className="inline-choices">
            <label>
              <input type="checkbox" checked={filters.mine} onChange={() => change({ mine: !filters.mine })} />
              Only those I am DRI for
            </label>
          </div>
        ) : null}
      </form>
      {result.error ? (
        <ErrorMessage error={result.error} retry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : null}
      {result.fetching && !list ? <Loading what="open escalations" /> : null}
      {list ? (
        <p role="status" className="muted">
          {list.totalCount === 0
            ? 'No open escalation matches.'
            : `${list.totalCount} open escalation${list.totalCount === 1 ? '' : 's'}, most severe then oldest first.`}
          {list.pageInfo.hasNextPage ? ` Showing the first ${list.nodes.length}.` : ''}
        </p>
      ) : null}
      <ul className="cards escalations">
        {(list?.nodes ?? []).map((escalation) => (
          <li key={escalation.id} className="card">
            <h2 className="row">
              <SeverityBadge severity={escalation.severity} />
              <Link to={`/escalations/${escalation.id}`}>{escalation.title}</Link>
            </h2>
            <p className="row">
              <StateBadge state={escalation.state} /> <span>{escalation.rotation.name}</span>
              {escalation.incidentTag ? <span className="badge info">#{escalation.incidentTag}</span> : null}
            </p>
            <p>
              DRI: {escalation.dri ? escalation.dri.name : 'nobody yet'}
              {escalation.currentPage ? (
                <>
                  <br />
                  Waiting for {escalation.currentPage.recipients.map((person) => person.name).join(', ')} to acknowledge
                  (deadline {relative(escalation.currentPage.ackDeadline)})
                </>
              ) : null}
            </p>
            <p className="muted">
              Raised <DualTime at={escalation.raisedAt} zone={escalation.rotation.timeZone} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

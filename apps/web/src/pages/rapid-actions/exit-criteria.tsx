import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorText } from '../common/error-text.js';
import { formatInstant } from '../common/format.js';
import {
  ADD_CRITERION,
  MARK_MET,
  MARK_UNMET,
  type ExitCriterion,
  type RapidActionDetail,
} from './rapid-actions.queries.js';

interface Props {
  action: RapidActionDetail;
  /** The DRI or a sub-DRI: may mark criteria met or unmet. */
  canReport: boolean;
  /** The DRI: may add criteria. */
  canEdit: boolean;
  onChanged: (words: string) => void;
}

/** What must be true to close the action, each marked met with evidence by the DRI or a sub-DRI. */
export function ExitCriteria({ action, canReport, canEdit, onChanged }: Props) {
  return (
    <section aria-labelledby="exit-criteria-heading">
      <h3 id="exit-criteria-heading">
        Exit criteria: {action.exitCriteriaMet} of {action.exitCriteriaTotal} met
      </h3>
      <ul className="pg-list">
        {action.exitCriteria.map((criterion) => (
          <li key={criterion.id} className="ra-criterion">
            <Criterion
              action={action}
              criterion={criterion}
              canReport={canReport && action.state === 'OPEN'}
              onChanged={onChanged}
            />
          </li>
        ))}
      </ul>
      {canEdit && action.state === 'OPEN' ? <AddCriterion action={action} onChanged={onChanged} /> : null}
    </section>
  );
}

function Criterion({
  action,
  criterion,
  canReport,
  onChanged,
}: {
  action: RapidActionDetail;
  criterion: ExitCriterion;
  canReport: boolean;
  onChanged: (w: string) => void;
}) {
  const [words, setWords] = useState('');
  const [met, markMet] = useMutation(MARK_MET);
  const [unmet, markUnmet] = useMutation(MARK_UNMET);
  const inputId = `criterion-${criterion.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const base = { rapidActionId: action.id, criterionId: criterion.id };
    const answer = criterion.met
      ? await markUnmet({ input: { ...base, reason: words } })
      : await markMet({ input: { ...base, evidence: words } });
    if (!answer.error) {
      setWords('');
      onChanged(`${criterion.description}: marked ${criterion.met ? 'unmet' : 'met'}.`);
    }
  }
  return (
    <>
      <p>
        <span className={criterion.met ? 'pg-ok' : 'pg-warn'}>{criterion.met ? 'Met' : 'Not met'}</span>:{' '}
        {criterion.description}
        {criterion.dashboardUrl ? (
          <>
            {' '}
            (<a href={criterion.dashboardUrl}>dashboard</a>)
          </>
        ) : null}
      </p>
      {criterion.met ? (
        <p className="pg-hint">
          {criterion.metBy ? `By ${criterion.metBy.name}` : 'Met'}
          {criterion.metAt ? `, ${formatInstant(criterion.metAt)}` : ''}: {criterion.evidence}
        </p>
      ) : null}
      {canReport ? (
        <form
          className="pg-form pg-inline"
          onSubmit={submit}
          aria-label={`Mark “${criterion.description}” ${criterion.met ? 'unmet' : 'met'}`}
        >
          <label htmlFor={inputId}>
            {criterion.met ? 'Why it no longer holds' : 'Evidence (a figure, a dashboard, a link)'}
          </label>
          <input id={inputId} type="text" value={words} onChange={(e) => setWords(e.target.value)} required />
          <button type="submit" disabled={met.fetching || unmet.fetching}>
            {criterion.met ? 'Mark unmet' : 'Mark met'}
          </button>
          <ErrorText error={met.error ?? unmet.error} what="Marking the criterion" />
        </form>
      ) : null}
    </>
  );
}

function AddCriterion({ action, onChanged }: { action: RapidActionDetail; onChanged: (w: string) => void }) {
  const [description, setDescription] = useState('');
  const [dashboardUrl, setDashboardUrl] = useState('');
  const [result, add] = useMutation(ADD_CRITERION);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const answer = await add({
      input: { rapidActionId: action.id, description, ...(dashboardUrl ? { dashboardUrl } : {}) },
    });
    if (!answer.error) {
      setDescription('');
      setDashboardUrl('');
      onChanged('Exit criterion added.');
    }
  }
  return (
    <form className="pg-form" onSubmit={submit} aria-label="Add an exit criterion">
      <label htmlFor="ra-new-criterion">New exit criterion (measurable)</label>
      <input
        id="ra-new-criterion"
        type="text"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        required
      />
      <label htmlFor="ra-new-dashboard">Dashboard link (optional)</label>
      <input id="ra-new-dashboard" type="url" value={dashboardUrl} onChange={(e) => setDashboardUrl(e.target.value)} />
      <button type="submit" disabled={result.fetching}>
        Add the criterion
      </button>
      <ErrorText error={result.error} what="Adding the criterion" />
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorText } from '../common/error-text.js';
import { POST_UPDATE, type RapidActionDetail } from './rapid-actions.queries.js';

/** The four-part daily update: progress since the last one, progress expected by the next, blockers, praise. */
export function UpdateForm({ action, onPosted }: { action: RapidActionDetail; onPosted: (words: string) => void }) {
  const [since, setSince] = useState('');
  const [expected, setExpected] = useState('');
  const [blockers, setBlockers] = useState('');
  const [praise, setPraise] = useState('');
  const [date, setDate] = useState('');
  const [result, post] = useMutation(POST_UPDATE);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      rapidActionId: action.id,
      progressSinceLastUpdate: since,
      progressExpectedByNextUpdate: expected,
      ...(blockers.trim() ? { blockers } : {}),
      ...(praise.trim() ? { praise } : {}),
      ...(date ? { date } : {}),
    };
    const answer = await post({ input });
    if (answer.error) return;
    const latest = answer.data.postRapidActionUpdate.updates.nodes[0];
    setSince('');
    setExpected('');
    setBlockers('');
    setPraise('');
    onPosted(
      `Update posted${latest ? ` for ${latest.date}${latest.version > 1 ? ` (version ${latest.version}, amending the earlier one)` : ''}` : ''}.`,
    );
  }

  return (
    <form className="pg-form" onSubmit={submit} aria-labelledby="update-form-heading">
      <h3 id="update-form-heading">Post the daily update</h3>
      <label htmlFor="ra-since">Progress since the last update (deployed to production, other notable progress)</label>
      <textarea id="ra-since" rows={3} value={since} onChange={(e) => setSince(e.target.value)} required />
      <label htmlFor="ra-expected">Progress expected by the next update</label>
      <textarea id="ra-expected" rows={3} value={expected} onChange={(e) => setExpected(e.target.value)} required />
      <label htmlFor="ra-blockers">Blockers and what would overcome them (optional)</label>
      <textarea id="ra-blockers" rows={2} value={blockers} onChange={(e) => setBlockers(e.target.value)} />
      <label htmlFor="ra-praise">Praise: thanks to the people who helped (optional)</label>
      <textarea id="ra-praise" rows={2} value={praise} onChange={(e) => setPraise(e.target.value)} />
      <label htmlFor="ra-date">Date of the update (empty: today in your zone)</label>
      <input id="ra-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      <button type="submit" disabled={result.fetching}>
        Post the update
      </button>
      <ErrorText error={result.error} what="Posting the update" />
    </form>
  );
}

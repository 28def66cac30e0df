import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { MarkdownBlock } from '../common/copy-button.js';
import { ErrorText } from '../common/error-text.js';
import { today } from '../common/format.js';
import { DIGEST } from './rapid-actions.queries.js';

interface DigestData {
  rapidActionDigest: {
    date: string;
    markdown: string;
    entries: { rapidAction: { id: string; title: string }; updates: { id: string }[] }[];
  };
}

/** The daily digest: every update of one date across the actions this viewer may see; `refresh` changes after each change made on the page. */
export function Digest({ refresh }: { refresh: number }) {
  const [date, setDate] = useState(today());
  const [{ data, error, fetching }, refetch] = useQuery<DigestData>({
    query: DIGEST,
    variables: { date },
    pause: !date,
  });
  useEffect(() => {
    if (refresh > 0) refetch({ requestPolicy: 'network-only' });
  }, [refresh, refetch]);
  const digest = data?.rapidActionDigest;
  return (
    <section className="pg-card" aria-labelledby="digest-heading">
      <h2 id="digest-heading">Daily digest</h2>
      <label>
        Date
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      {fetching && !data ? <p>Loading the digest…</p> : null}
      <ErrorText error={error} what="Loading the digest" />
      {digest ? (
        <>
          <p>
            {digest.entries.length === 0
              ? `No update was posted for ${digest.date}.`
              : `${digest.entries.reduce((n, e) => n + e.updates.length, 0)} update(s) across ${digest.entries.length} rapid action(s).`}
          </p>
          <MarkdownBlock markdown={digest.markdown} label={`Digest of ${digest.date} as Markdown`} />
        </>
      ) : null}
    </section>
  );
}

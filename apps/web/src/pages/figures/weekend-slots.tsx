import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { DateTime } from 'luxon';
import { MarkdownBlock } from '../common/copy-button.js';
import { ErrorText } from '../common/error-text.js';
import { formatSpan } from '../common/format.js';
import { WEEKEND, type WeekendData } from './figures.queries.js';

const quarterOf = (at: DateTime) => `${at.year}-Q${Math.ceil(at.month / 3)}`;

/** Weekend slots per person in a quarter, and the thank-you to post. */
export function WeekendSlots() {
  const quarters = useMemo(() => {
    const now = DateTime.now();
    return [1, 0, -1, -2, -3, -4].map((n) => quarterOf(now.plus({ months: 3 * n })));
  }, []);
  const [quarter, setQuarter] = useState(quarters[1]);
  const [{ data, error, fetching }] = useQuery<WeekendData>({ query: WEEKEND, variables: { quarter } });
  return (
    <section className="pg-card" aria-labelledby="weekend-heading">
      <h2 id="weekend-heading">Weekend slots and the thank-you</h2>
      <label>
        Quarter
        <select value={quarter} onChange={(e) => setQuarter(e.target.value)}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
      </label>
      {fetching && !data ? <p>Loading weekend slots…</p> : null}
      <ErrorText error={error} what="Loading the weekend slots" />
      {data ? (
        data.weekendSlots.length === 0 ? (
          <p>Nobody took a weekend slot in {quarter}.</p>
        ) : (
          <div className="pg-table-wrap">
            <table>
              <caption>Weekend slots in {quarter}</caption>
              <thead>
                <tr>
                  <th scope="col">Responder</th>
                  <th scope="col">Slots</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {data.weekendSlots.map((row) => (
                  <tr key={row.responder.id}>
                    <th scope="row">{row.responder.name}</th>
                    <td>{row.count}</td>
                    <td>
                      <ul>
                        {row.slots.map((s) => (
                          <li key={s.start + s.rotation.name}>
                            {s.rotation.name}: {formatSpan(s.start, s.end)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {data ? (
        <MarkdownBlock markdown={data.weekendThankYou.markdown} label={`The thank-you for ${quarter} as Markdown`} />
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { useQuery } from 'urql';
import { Announcement, ErrorMessage } from '../components/error-message.js';
import { ViewerTime } from '../components/time.js';
import { useAction } from '../components/use-action.js';

const MY_FEEDS = `query MyCalendarFeeds {
  calendarFeeds(first: 20) { nodes { id state subjectKind createdAt responder { id } } }
}`;

const CREATE_FEED = `mutation CreateMyCalendarFeed($responderId: ID!) {
  createCalendarFeed(input: { responderId: $responderId }) { id url }
}`;

const REVOKE_FEED = `mutation RevokeCalendarFeed($id: ID!) { revokeCalendarFeed(id: $id) { id state } }`;

interface Feed {
  id: string;
  state: string;
  subjectKind: string;
  createdAt: string;
  responder: { id: string } | null;
}

/**
 * My shifts in my calendar app: creates a feed (its address holds a secret token and is shown
 * only this once), lists my active feeds and revokes one (its address then answers 404).
 */
export function MyCalendarLink({ responderId }: { responderId: string }) {
  const [feeds, refetch] = useQuery<{ calendarFeeds: { nodes: Feed[] } }>({ query: MY_FEEDS });
  const create = useAction<{ createCalendarFeed: { id: string; url: string } }>(CREATE_FEED);
  const revoke = useAction(REVOKE_FEED);
  const [url, setUrl] = useState<string>();
  const [copied, setCopied] = useState<string>();
  const mine = (feeds.data?.calendarFeeds.nodes ?? []).filter(
    (feed) => feed.state === 'ACTIVE' && feed.subjectKind === 'RESPONDER' && feed.responder?.id === responderId,
  );
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">My calendar link</h2>
      <p>Subscribe to your shifts from your calendar app (12 months ahead); it updates as the schedule changes.</p>
      <button
        type="button"
        disabled={create.busy}
        onClick={async () => {
          setCopied(undefined);
          const data = await create.run({ responderId }, 'Calendar link created.');
          if (data) {
            setUrl(data.createCalendarFeed.url);
            reload();
          }
        }}
      >
        Create a calendar link
      </button>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      {url ? (
        <div className="card">
          <label htmlFor="calendar-url">Your calendar address (shown only now: copy it into your calendar app)</label>
          <input id="calendar-url" readOnly value={url} onFocus={(event) => event.target.select()} />
          <p>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void navigator.clipboard
                  ?.writeText(url)
                  .then(() => setCopied('Copied.'))
                  .catch(() => setCopied('Copying was refused: select the address and copy it.'))
              }
            >
              Copy the address
            </button>
          </p>
          <Announcement message={copied} />
        </div>
      ) : null}
      {feeds.error ? <ErrorMessage error={feeds.error} /> : null}
      {mine.length > 0 ? (
        <>
          <h3>Active calendar links ({mine.length})</h3>
          <ul className="people">
            {mine.map((feed) => (
              <li key={feed.id} className="row">
                <span>
                  Created <ViewerTime at={feed.createdAt} />
                </span>
                <button
                  type="button"
                  className="secondary"
                  disabled={revoke.busy}
                  onClick={async () => {
                    if (await revoke.run({ id: feed.id }, 'Calendar link revoked: its address no longer works.')) {
                      if (url) setUrl(undefined);
                      reload();
                    }
                  }}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Announcement message={revoke.done} />
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
    </section>
  );
}

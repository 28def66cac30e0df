import { Announcement, ErrorMessage } from '../../components/error-message.js';
import { useAction } from '../../components/use-action.js';
import { ACKNOWLEDGE_PAGE, RESOLVE_PAGE } from './escalation-fields.js';

const ACKNOWLEDGED = 'Acknowledged: you are the DRI.';
const RESOLVED = 'Page resolved: the escalation stays open until it is resolved.';

/**
 * Acknowledge ("I have seen the page and am looking": you become the DRI) and Resolve ("I have
 * engaged": acknowledges if needed; the escalation stays open) for one page. The outcome is
 * passed to `onDone` (the page says it: these buttons are gone once the page is refetched), or
 * said here without it.
 */
export function PageActions({
  pageId,
  state,
  label,
  onDone,
}: {
  pageId: string;
  state: string;
  label: string;
  onDone?: (message: string) => void;
}) {
  const acknowledge = useAction(ACKNOWLEDGE_PAGE);
  const resolve = useAction(RESOLVE_PAGE);
  const busy = acknowledge.busy || resolve.busy;
  return (
    <div className="page-actions">
      <div className="row">
        {state === 'TRIGGERED' ? (
          <button
            type="button"
            disabled={busy}
            aria-label={`Acknowledge ${label}`}
            onClick={async () => {
              resolve.clear();
              if (await acknowledge.run({ pageId }, ACKNOWLEDGED)) onDone?.(ACKNOWLEDGED);
            }}
          >
            Acknowledge
          </button>
        ) : null}
        {state === 'TRIGGERED' || state === 'ACKNOWLEDGED' ? (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            aria-label={`Resolve ${label}`}
            onClick={async () => {
              acknowledge.clear();
              if (await resolve.run({ pageId }, RESOLVED)) onDone?.(RESOLVED);
            }}
          >
            Resolve
          </button>
        ) : null}
      </div>
      {onDone ? null : <Announcement message={acknowledge.done ?? resolve.done} />}
      {acknowledge.error ? <ErrorMessage error={acknowledge.error} /> : null}
      {resolve.error ? <ErrorMessage error={resolve.error} /> : null}
    </div>
  );
}

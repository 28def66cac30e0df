import { POLL_MS } from '../api/live.js';

/** Says whether the page updates itself as changes happen or every few seconds. */
export function LiveNote({ mode }: { mode: 'live' | 'polling' }) {
  return (
    <p className="muted live-note">
      {mode === 'live' ? 'Updates live as changes happen.' : `Refreshes every ${POLL_MS / 1000} seconds.`}
    </p>
  );
}

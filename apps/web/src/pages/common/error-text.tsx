import type { CombinedError } from 'urql';
import { ErrorMessage } from '../../components/error-message.js';

/** An error in words (the scaffold's ErrorMessage), saying first what failed. */
export function ErrorText({ error, what }: { error?: CombinedError; what?: string }) {
  if (!error) return null;
  return (
    <div className="pg-error-wrap">
      {what ? <p className="pg-error-what">{what} failed:</p> : null}
      <ErrorMessage error={error} />
    </div>
  );
}

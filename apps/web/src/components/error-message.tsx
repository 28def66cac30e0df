import type { CombinedError } from 'urql';
import { errorsInWords, type ApiErrorLike } from '../api/error-words.js';

/** Errors in words, announced to screen readers; `retry` offers a button to try again. */
export function ErrorMessage({ error, retry }: { error: CombinedError | ApiErrorLike; retry?: () => void }) {
  const words = errorsInWords(error);
  return (
    <div className="error" role="alert">
      {words.map((word, index) => (
        <p key={index}>
          <strong>{word.sentence}</strong>
          {word.detail && word.detail !== word.sentence ? <span className="error-detail"> {word.detail}</span> : null}
        </p>
      ))}
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** A polite live region saying what was just done (it stays after the buttons that did it are gone). */
export function Announcement({ message }: { message?: string }) {
  return <div aria-live="polite">{message ? <p className="success">{message}</p> : null}</div>;
}

import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';

/**
 * A mutation behind a button or a form: runs it, keeps its error (shown with ErrorMessage) and a
 * sentence of what was done (shown in a status region).
 */
export function useAction<Data = any>(mutation: string) {
  const [state, execute] = useMutation<Data>(mutation);
  const [done, setDone] = useState<string | undefined>();
  const [error, setError] = useState<CombinedError | undefined>();
  async function run(variables: Record<string, unknown>, doneMessage: string): Promise<Data | undefined> {
    setDone(undefined);
    setError(undefined);
    const result = await execute(variables);
    if (result.error) {
      setError(result.error);
      return undefined;
    }
    setDone(doneMessage);
    return result.data;
  }
  return { run, busy: state.fetching, error, done, clear: () => (setDone(undefined), setError(undefined)) };
}

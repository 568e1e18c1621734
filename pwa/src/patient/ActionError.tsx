import { useState } from 'react';
import { describeError } from './errors';

/** Runs a page's server actions and keeps the last failure, to show above the page's content. */
export function useActionError() {
  const [failure, setFailure] = useState<unknown>(null);
  async function run(action: () => Promise<void>): Promise<void> {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    }
  }
  return { failure, run };
}

export function ActionError({ failure }: { failure: unknown }) {
  if (failure === null) return null;
  return (
    <p role="alert" className="error">
      {describeError(failure)}
    </p>
  );
}

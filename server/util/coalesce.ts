/**
 * Runs `work` when triggered, never twice at once: a trigger during a run makes one more run after it,
 * however many triggers arrived. `settled()` resolves when no run is in progress.
 */
export function coalesce(work: () => Promise<void>, onError: (error: unknown) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function trigger(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await work();
        } catch (error) {
          onError(error);
        }
      } while (again && !stopped);
      running = undefined;
    })();
  }

  return {
    trigger,
    settled: async () => {
      await running;
    },
    stop: () => {
      stopped = true;
    },
    start: () => {
      stopped = false;
    },
  };
}

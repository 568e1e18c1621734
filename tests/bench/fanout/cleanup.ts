/**
 * Everything the benchmark starts (child processes, the embedded cluster, temp dirs) registers how to
 * undo it here; it is undone in reverse order on success, on an error, and on Ctrl-C or SIGTERM.
 */
type Cleanup = () => Promise<void> | void;

const cleanups: Array<{ label: string; run: Cleanup }> = [];
/** Last resort on a hard exit: synchronous kills of child processes still alive. */
const lastResort = new Set<() => void>();
let running: Promise<void> | undefined;

export function onCleanup(label: string, run: Cleanup): void {
  cleanups.push({ label, run });
}

export function onHardExit(kill: () => void): () => void {
  lastResort.add(kill);
  return () => lastResort.delete(kill);
}

export function runCleanups(verbose = false): Promise<void> {
  running ??= (async () => {
    for (const { label, run } of cleanups.reverse()) {
      if (verbose) console.error(`  stopping: ${label}`);
      try {
        await run();
      } catch (error) {
        console.error(
          `cleanup of ${label} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    cleanups.length = 0;
  })();
  return running;
}

let interrupted = false;

/** True once Ctrl-C or SIGTERM arrived: errors from work cut short are expected, not worth printing. */
export function wasInterrupted(): boolean {
  return interrupted;
}

/**
 * `process.on`, not `once`: npm and tsx relay the terminal's Ctrl-C to this process again, and a signal
 * with no listener left would kill it halfway through removing the cluster and its files.
 */
export function installSignalHandlers(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping child processes and removing temporary files...`);
    void runCleanups(true).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const kill of lastResort) kill();
  });
}

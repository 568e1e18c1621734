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

export function runCleanups(): Promise<void> {
  running ??= (async () => {
    for (const { label, run } of cleanups.reverse()) {
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

export function installSignalHandlers(): void {
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping child processes and removing temporary files...`);
    void runCleanups().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  process.on('exit', () => {
    for (const kill of lastResort) kill();
  });
}

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/process';
import { installSignalHandlers, runCleanups, wasInterrupted } from './cleanup';
import { UsageError } from './options';

/** Writes a run's results where both benchmarks put them (git-ignored) and says so. */
export function writeResults(results: unknown): void {
  const file = path.join(ROOT, 'bench-results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWritten to ${path.relative(process.cwd(), file) || file}.`);
}

/**
 * A benchmark's whole life as a command: flags (`--help`, or a UsageError, exit 2), the run (exit 1 when
 * a correctness check failed or it threw), the cleanup of everything it started, also on Ctrl-C (130).
 */
export async function runBenchmark<Options>(
  parse: (argv: string[]) => Options | 'help',
  usage: string,
  run: (options: Options) => Promise<boolean>,
): Promise<never> {
  installSignalHandlers();
  let exitCode = 0;
  try {
    const options = parse(process.argv.slice(2));
    if (options === 'help') console.log(usage);
    else if (!(await run(options))) exitCode = 1;
  } catch (error) {
    if (!wasInterrupted()) console.error(error instanceof UsageError ? error.message : error);
    exitCode = error instanceof UsageError ? 2 : 1;
  } finally {
    await runCleanups();
  }
  process.exit(wasInterrupted() ? 130 : exitCode);
}

import { spawnTs as spawnProjectTs } from '../../support/process';
import type { Spawned } from '../../support/process';
import { wasInterrupted } from './cleanup';

export type { Spawned };

/**
 * tests/support/process.ts's spawnTs, with Node flags (BENCH_PROFILE passes --cpu-prof to the server) and
 * a refusal to start anything once the run was interrupted.
 */
export function spawnTs(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Spawned {
  // After Ctrl-C the run winds down; nothing new may start behind the cleanup's back.
  if (wasInterrupted()) throw new Error(`interrupted: not starting ${entry}`);
  return spawnProjectTs(entry, args, env, { nodeArgs, waitTimeoutMs: 120_000 });
}

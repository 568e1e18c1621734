import { onCleanup } from './cleanup';
import type { SampleResult } from './sample-main';
import { spawnTs } from './spawn';

/** Runs sample-main.ts (naive and floor) against the receiver, in its own process; see that file. */
export async function runSample(options: {
  origin: string;
  seed: string;
  sample: number;
  caCertPath: string;
}): Promise<SampleResult> {
  const child = spawnTs(
    'tests/bench/fanout/sample-main.ts',
    [JSON.stringify({ origin: options.origin, seed: options.seed, sample: options.sample })],
    { NODE_EXTRA_CA_CERTS: options.caCertPath },
  );
  onCleanup('sample process', () => void child.child.kill('SIGKILL'));
  const code = await child.exited;
  const line = child
    .output()
    .split('\n')
    .find((text) => text.startsWith('{"floor"'));
  if (code !== 0 || !line)
    throw new Error(`the naive/floor sample failed (exit ${code}):\n${child.output()}`);
  return JSON.parse(line) as SampleResult;
}

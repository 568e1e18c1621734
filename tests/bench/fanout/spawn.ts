import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { ROOT } from '../../support/process';
import { wasInterrupted } from './cleanup';

export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** The first match once the output has it; rejects if the process exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/**
 * `node [nodeArgs] --import tsx entry args` in the project root. Like tests/support/process.ts's spawnTs,
 * with room for Node flags (BENCH_PROFILE passes --cpu-prof to the server) and a bounded output buffer.
 */
export function spawnTs(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Spawned {
  // After Ctrl-C the run winds down; nothing new may start behind the cleanup's back.
  if (wasInterrupted()) throw new Error(`interrupted: not starting ${entry}`);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    // Keeps the start (where a listening line is) and the end (where an error is).
    text += chunk.toString();
    if (text.length > 200_000) text = `${text.slice(0, 20_000)}\n[...]\n${text.slice(-100_000)}`;
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = text.match(pattern);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${text}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then((code) => {
          if (!listeners.has(check)) return;
          done();
          reject(new Error(`${entry} exited (${code}) before printing ${pattern}; output:\n${text}`));
        });
        check();
      });
    },
  };
}

import { readFileSync } from 'node:fs';

/** The soft limit on open files, inherited by every process the benchmark starts (`ulimit -n`). */
export function openFilesLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((text) => text.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft ?? Infinity);
  } catch {
    return Infinity;
  }
}

/**
 * Each socket is one descriptor in the client process and one in the server holding it (both inherit
 * this process's limit); with one server process it holds all of them, plus its database connections,
 * the receiver's kept-alive connections and its own files. Refused early rather than as EMFILE midway.
 */
export function checkOpenFiles(sockets: number): void {
  const needed = sockets + 500;
  const limit = openFilesLimit();
  if (limit < needed) {
    throw new Error(
      `${sockets} sockets need about ${needed} open files per process; the limit here is ${limit}. ` +
        `Raise it first (ulimit -n ${Math.max(needed, 65_536)}) or use fewer --sockets.`,
    );
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { track } from '../fanout/children';
import type { Child } from '../fanout/children';
import { spawnTs } from '../fanout/spawn';
import type { SocketsResult } from './sockets-main';

export interface SocketClients extends Child {
  connected: number;
  connectMs: number;
  /** Resolves when every connected socket has the opening's queue:status (never rejects; races a timeout). */
  allStatus: Promise<void>;
  /** Stops the process and reads what it recorded. */
  finish(): Promise<SocketsResult>;
}

/** Starts sockets-main.ts and waits until every socket is connected and subscribed. */
export async function startSocketClients(opts: {
  urls: string[];
  tokensFile: string;
  workDir: string;
  department: string;
  count: number;
}): Promise<SocketClients> {
  const resultFile = path.join(opts.workDir, `sockets-${Date.now()}.json`);
  const spawned = spawnTs(
    'tests/bench/system/sockets-main.ts',
    [
      JSON.stringify({
        urls: opts.urls,
        tokensFile: opts.tokensFile,
        resultFile,
        department: opts.department,
      }),
    ],
    {},
  );
  const child = track(spawned, 'socket clients');
  // Connecting is the servers' sign-in check per socket: allow 20 ms each on top of a start-up minute.
  const [, connected, failed, ms] = (await spawned.waitFor(
    /\{"sockets":"ready","connected":(\d+),"failed":(\d+),"ms":(\d+)\}/,
    60_000 + opts.count * 20,
  )) as [string, string, string, string];
  if (Number(failed) > 0) {
    console.log(`  WARNING: ${failed} of ${opts.count} sockets could not connect (see the checks)`);
  }
  const allStatus = spawned.waitFor(/\{"sockets":"status"/, 24 * 3600_000).then(
    () => undefined,
    () => undefined,
  );
  return {
    ...child,
    connected: Number(connected),
    connectMs: Number(ms),
    allStatus,
    async finish() {
      await child.stop();
      if (!fs.existsSync(resultFile)) {
        throw new Error(`the socket process wrote no result:\n${spawned.output().slice(-4_000)}`);
      }
      return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as SocketsResult;
    },
  };
}

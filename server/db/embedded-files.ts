import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';

/** Where the embedded cluster keeps its files under DATA_DIR, and how to read what a running one left. */
export function clusterDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

function credentialsPath(dataDir: string): string {
  return path.join(dataDir, 'embedded-db.json');
}

export interface Credentials {
  user: string;
  password: string;
}

/** The superuser password is made once at initdb and kept beside the cluster, readable by its owner only. */
export async function readOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = credentialsPath(dataDir);
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    const credentials = { user: 'queuebell', password: crypto.randomBytes(24).toString('base64url') };
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }
}

export async function isInitialised(dataDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(clusterDir(dataDir), 'PG_VERSION'));
    return true;
  } catch {
    return false;
  }
}

export interface RunningCluster {
  pid: number;
  port: number;
}

/**
 * PostgreSQL records its pid and port in postmaster.pid (lines 1 and 4). A live pid there means a
 * cluster is up, started by the server or by a CLI command, and we use it rather than start another.
 */
export async function findRunningCluster(dataDir: string): Promise<RunningCluster | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(clusterDir(dataDir), 'postmaster.pid'), 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const status = (lines[7] ?? '').trim();
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  if (status !== 'ready') return undefined;
  return { pid, port };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock file so that two processes starting at once do not both run initdb or start the cluster. */
export async function withStartLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  await fs.mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, '.embedded-start.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await fs.readFile(lockPath, 'utf8').catch(() => ''));
      if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${lockPath} (held by pid ${holder}).`);
      // Another process is starting the cluster; it takes seconds, so a short wait is the right tool here.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestTls } from '../../support/test-tls';
import { startReceiver } from './children';
import type { ReceiverProcess } from './children';
import { onCleanup } from './cleanup';
import { openBenchDatabase, seed } from './database';
import type { BenchDatabase, Seeded } from './database';

export interface Prepared {
  /** A temporary directory, removed at cleanup: the CA, the embedded cluster, files for child processes. */
  workDir: string;
  caCertPath: string;
  /** The receiver's key seed: subscriptions are derived from it and the endpoint id. */
  seed: string;
  db: BenchDatabase;
  receiver: ReceiverProcess;
  seeded: Seeded;
}

/**
 * What every benchmark run starts from, shared by bench:fanout and the system benchmark: the test CA, a
 * migrated database, the push receiver in its own process, `patients` patients with a subscription each.
 */
export async function prepare(patients: number): Promise<Prepared> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-bench-'));
  // The embedded cluster runs as the `postgres` OS user when we are root; it must reach its directory.
  fs.chmodSync(workDir, 0o755);
  onCleanup('temp dir', () => fs.rmSync(workDir, { recursive: true, force: true }));
  const tlsDir = path.join(workDir, 'tls');
  fs.mkdirSync(tlsDir);
  const { caCertPath } = createTestTls(tlsDir);

  const seedText = `bench-${randomBytes(6).toString('hex')}`;
  const db = await openBenchDatabase(workDir);
  const receiver = await startReceiver(seedText, tlsDir, caCertPath);
  console.log(`Receiver at ${receiver.origin} (pid ${receiver.pid}). Seeding...`);
  const seeded = await seed(db, { patients, receiverOrigin: receiver.origin, seed: seedText });
  return { workDir, caCertPath, seed: seedText, db, receiver, seeded };
}

/**
 * `npm run bench:fanout`: one queue opening fanned out to 100,000 patients, each with a push subscription
 * at a receiver in its own process; the nurse's answer time, the time to record and to push everything,
 * the server's peak memory, and the same sends done the naive way and the floor (encryption alone) on a
 * sample. A benchmark, not a test: it prints a table and writes bench-results.json. See docs/performance.md.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/process';
import { createTestTls } from '../support/test-tls';
import { startReceiver } from './fanout/children';
import { spawnTs } from './fanout/spawn';
import { installSignalHandlers, onCleanup, runCleanups, wasInterrupted } from './fanout/cleanup';
import { openBenchDatabase, seed } from './fanout/database';
import { parseOptions, UsageError, USAGE } from './fanout/options';
import type { BenchOptions } from './fanout/options';
import { measureAnswers, measureFanout } from './fanout/phases';
import type { Setup } from './fanout/phases';
import { machineBusyPercent, waitForIdle } from './fanout/proc';
import { disturbedBy, formatTable, machine, resultsJson, rows } from './fanout/report';
import type { SampleResult } from './fanout/sample-main';

async function runSample(setup: Setup): Promise<SampleResult> {
  const child = spawnTs(
    'tests/bench/fanout/sample-main.ts',
    [JSON.stringify({ origin: setup.receiver.origin, seed: setup.seed, sample: setup.options.sample })],
    { NODE_EXTRA_CA_CERTS: setup.caCertPath },
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

async function run(options: BenchOptions): Promise<boolean> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const info = machine();
  console.log(
    `Fan-out benchmark: ${options.patients.toLocaleString('en')} patients, sample ${options.sample}, ` +
      `${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB, Node ${info.node}, load ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
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
  const seeded = await seed(db, {
    patients: options.patients,
    receiverOrigin: receiver.origin,
    seed: seedText,
  });
  const setup: Setup = { options, db, seeded, receiver, caCertPath, seed: seedText };

  // How busy the machine was just before each phase (after waiting, with --wait-idle, for it to calm down).
  const busyBefore: Record<string, number> = {};
  const settle = async (phase: string) => {
    busyBefore[phase] =
      options.waitIdle > 0 ? await waitForIdle(options.waitIdle) : await machineBusyPercent(1_000);
  };
  await settle('sample');
  console.log(`Naive and floor on ${options.sample} subscriptions...`);
  const sample = await runSample(setup);
  await settle('answers');
  console.log(
    `Answer time: ${options.warmup} warm-up + ${options.cycles} measured open/close cycles, no workers...`,
  );
  const answers = await measureAnswers(setup);
  await settle('fanout');
  console.log('Fan-out: one opening with delivery workers on...');
  const fanout = await measureFanout(setup);

  const measurements = { options, database: db.where, answers, fanout, sample, busyBefore };
  const table = rows(measurements);
  console.log(`\n${formatTable(table)}\n`);
  for (const [name, check] of Object.entries(fanout.checks)) {
    console.log(`  ${check.ok ? 'PASS' : 'FAIL'}  ${name}: ${check.detail}`);
  }
  const disturbance = disturbedBy(measurements);
  if (disturbance) console.log(`\n  NOTE  ${disturbance}`);
  const file = path.join(ROOT, 'bench-results.json');
  fs.writeFileSync(
    file,
    `${JSON.stringify(resultsJson(measurements, table, startedAt, loadAtStart), null, 2)}\n`,
  );
  console.log(`\nWritten to ${path.relative(process.cwd(), file) || file}.`);
  return table.every((row) => row.result !== 'FAIL');
}

installSignalHandlers();
let exitCode = 0;
try {
  const options = parseOptions(process.argv.slice(2));
  if (options === 'help') console.log(USAGE);
  else if (!(await run(options))) exitCode = 1;
} catch (error) {
  if (!wasInterrupted()) console.error(error instanceof UsageError ? error.message : error);
  exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  await runCleanups();
}
process.exit(wasInterrupted() ? 130 : exitCode);

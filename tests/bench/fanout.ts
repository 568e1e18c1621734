/**
 * `npm run bench:fanout`: one queue opening fanned out to 100,000 patients, each with a push subscription
 * at a receiver in its own process; the nurse's answer time, the time to record and to push everything,
 * the server's peak memory, and the same sends done the naive way and the floor (encryption alone) on a
 * sample. Side by side in the same run (issue 16): a nurse's calls timed to their patient's push, on the
 * idle server and during the opening. A benchmark, not a test: it prints a table and writes
 * bench-results.json. See docs/performance.md.
 */
import os from 'node:os';
import { runBenchmark, writeResults } from './fanout/entry';
import { parseOptions, USAGE } from './fanout/options';
import type { BenchOptions } from './fanout/options';
import { measureFanoutAndCalls } from './fanout/calls-phase';
import { measureAnswers } from './fanout/phases';
import type { Setup } from './fanout/phases';
import { prepare } from './fanout/prepare';
import { machineBusyPercent, waitForIdle } from './fanout/proc';
import { machine, notes, resultsJson, rows } from './fanout/report';
import { runSample } from './fanout/sample';
import { formatTable } from './fanout/table';

async function run(options: BenchOptions): Promise<boolean> {
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const info = machine();
  console.log(
    `Fan-out benchmark: ${options.patients.toLocaleString('en')} patients, sample ${options.sample}, ` +
      `${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB, Node ${info.node}, load ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const { db, receiver, seeded, caCertPath, seed: seedText } = await prepare(options.patients);
  const setup: Setup = { options, db, seeded, receiver, caCertPath, seed: seedText };

  // How busy the machine was just before each phase (after waiting, with --wait-idle, for it to calm down).
  const busyBefore: Record<string, number> = {};
  const settle = async (phase: string) => {
    busyBefore[phase] =
      options.waitIdle > 0 ? await waitForIdle(options.waitIdle) : await machineBusyPercent(1_000);
  };
  await settle('sample');
  console.log(`Naive and floor on ${options.sample} subscriptions...`);
  const sample = await runSample({
    origin: receiver.origin,
    seed: seedText,
    sample: options.sample,
    caCertPath,
  });
  await settle('answers');
  console.log(
    `Answer time: ${options.warmup} warm-up + ${options.cycles} measured open/close cycles, no workers...`,
  );
  const answers = await measureAnswers(setup);
  const { fanout, calls } = await measureFanoutAndCalls(setup, settle);

  const measurements = { options, database: db.where, answers, fanout, calls, sample, busyBefore };
  const table = rows(measurements);
  console.log(`\n${formatTable(table)}\n`);
  for (const [name, check] of Object.entries({ ...fanout.checks, ...calls.checks })) {
    console.log(`  ${check.ok ? 'PASS' : 'FAIL'}  ${name}: ${check.detail}`);
  }
  for (const note of notes(measurements)) console.log(`\n  NOTE  ${note}`);
  writeResults(resultsJson(measurements, table, startedAt, loadAtStart));
  return table.every((row) => row.result !== 'FAIL');
}

await runBenchmark(parseOptions, USAGE, run);

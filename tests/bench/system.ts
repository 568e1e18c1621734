/**
 * `npm run bench`: the whole system (issue 9). 100,000 patients with a push subscription each at a receiver
 * in its own process, 5,000 of them also on a Socket.IO connection from another process; a nurse opens a
 * queue. Measured once with one server process and once with two on the same database: the open answer,
 * every notification recorded, every push accepted, the queue:status broadcast's latency to the sockets,
 * peak RSS; with the naive and floor send rates of the fan-out benchmark from the same run. A benchmark, not
 * a test: it prints a table and writes bench-results.json. See docs/performance.md.
 */
import os from 'node:os';
import { runBenchmark, writeResults } from './fanout/entry';
import { prepare } from './fanout/prepare';
import { machineBusyPercent, waitForIdle } from './fanout/proc';
import { machine } from './fanout/report';
import { runSample } from './fanout/sample';
import { expectedPushCount } from './system/checks';
import { measureConfiguration } from './system/configuration';
import type { ConfigurationResult } from './system/configuration';
import { checkOpenFiles } from './system/limits';
import { parseOptions, USAGE } from './system/options';
import type { SystemOptions } from './system/options';
import { disturbances, formatTable, label, resultsJson, rows } from './system/report';
import type { SystemMeasurements } from './system/report';
import { seedSocketSessions } from './system/sessions';

async function run(options: SystemOptions): Promise<boolean> {
  checkOpenFiles(options.sockets);
  const startedAt = new Date();
  const loadAtStart = os.loadavg();
  const info = machine();
  console.log(
    `System benchmark: ${options.patients.toLocaleString('en')} patients, ${options.sockets.toLocaleString('en')} sockets, ` +
      `sample ${options.sample}, ${options.processes.map(label).join(' then ')}; ` +
      `${info.cpus} × ${info.cpuModel}, ${info.memoryGb} GB, Node ${info.node}, load ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const prepared = await prepare(options.patients);
  const socketPatients = await seedSocketSessions(prepared.db, options.sockets, prepared.workDir);
  const setup = {
    ...prepared,
    patients: options.patients,
    expectedPushes: await expectedPushCount(prepared.db),
    socketPatients,
  };

  // How busy the machine was just before each phase (after waiting, with --wait-idle, for it to calm down).
  const busyBefore: Record<string, number> = {};
  const settle = (phase: string) => async () => {
    busyBefore[phase] =
      options.waitIdle > 0 ? await waitForIdle(options.waitIdle) : await machineBusyPercent(1_000);
  };
  await settle('sample')();
  console.log(`Naive and floor on ${options.sample} subscriptions...`);
  const sample = await runSample({
    origin: prepared.receiver.origin,
    seed: prepared.seed,
    sample: options.sample,
    caCertPath: prepared.caCertPath,
  });
  const configurations: ConfigurationResult[] = [];
  for (const processes of options.processes) {
    console.log(`${label(processes)[0]?.toUpperCase()}${label(processes).slice(1)}: the nurse opens OPD...`);
    configurations.push(await measureConfiguration(setup, processes, settle(label(processes))));
  }

  const measurements: SystemMeasurements = {
    options,
    database: prepared.db.where,
    expectedPushes: setup.expectedPushes,
    sample,
    configurations,
    busyBefore,
  };
  const table = rows(measurements);
  console.log(
    `\n${formatTable(
      table,
      configurations.map((config) => label(config.processes)),
    )}\n`,
  );
  for (const config of configurations) {
    for (const [name, check] of Object.entries(config.checks)) {
      console.log(`  ${check.ok ? 'PASS' : 'FAIL'}  ${label(config.processes)}: ${name}: ${check.detail}`);
    }
  }
  for (const note of disturbances(measurements)) console.log(`\n  NOTE  ${note}`);
  writeResults(resultsJson(measurements, table, startedAt, loadAtStart));
  return table.every((row) => row.result !== 'FAIL');
}

await runBenchmark(parseOptions, USAGE, run);

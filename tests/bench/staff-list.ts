/**
 * `npm run bench:staff-list`: how long the console's queue list takes to read, for one department with
 * many waiting tickets (default 1,000; `--waiting N`) and 200 visits done today. The list's query
 * (`selectTicketList`: each department's figures once) against the same rows read with a few tickets'
 * query (`selectTickets`: a count of the queue and a read of the recent visits for every ticket). A
 * benchmark, not a test: it prints figures and asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../server/db/connection';
import { migrateUp } from '../../server/db/migrate';
import { selectTicketList, selectTickets } from '../../server/tickets/queries';
import { REACH_COLUMNS, REACH_JOIN } from '../../server/tickets/reach';
import { installSignalHandlers, onCleanup, runCleanups } from './fanout/cleanup';
import { openBenchDatabase } from './fanout/database';

const DONE = 200;
const RUNS = 20;

function waitingCount(argv: string[]): number {
  const at = argv.indexOf('--waiting');
  const value = at >= 0 ? Number(argv[at + 1]) : 1_000;
  if (!Number.isInteger(value) || value < 1)
    throw new Error('--waiting takes a whole number of tickets, 1 or more');
  return value;
}

async function seedQueue(sequelize: Sequelize, waiting: number): Promise<void> {
  await sequelize.query(`INSERT INTO departments (code, name) VALUES ('BIG', 'Big queue')`);
  await sequelize.query(
    `INSERT INTO users (email, name, role, password_hash, created_at, updated_at)
     SELECT 'patient' || g || '@bench.invalid', 'Patient ' || g, 'patient', 'x', now(), now()
       FROM generate_series(1, :total) g`,
    { replacements: { total: waiting + DONE } },
  );
  // The first DONE patients were seen today (about ten minutes each); the others wait in joining order.
  await sequelize.query(
    `INSERT INTO tickets (department_id, user_id, service_date, seq, number, status, joined_at, due_at,
                          serving_at, completed_at)
     SELECT d.id, u.id, current_date, n, 'BIG-' || n, CASE WHEN n <= :done THEN 'done' ELSE 'waiting' END,
            now() - interval '3 hours', now() - interval '3 hours' + n * interval '1 second',
            CASE WHEN n <= :done THEN now() - interval '2 hours' + n * interval '20 seconds' END,
            CASE WHEN n <= :done THEN now() - interval '2 hours' + n * interval '20 seconds' + interval '10 minutes' END
       FROM departments d, (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE role = 'patient') u
      WHERE d.code = 'BIG'`,
    { replacements: { done: DONE } },
  );
  await sequelize.query('ANALYZE');
}

/** Median and slowest of RUNS reads, after one to warm the caches. */
async function timeQuery(
  sequelize: Sequelize,
  sql: string,
): Promise<{ rows: number; p50: number; max: number }> {
  let rows = 0;
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    rows = (await sequelize.query(sql, { type: QueryTypes.SELECT })).length;
    if (run > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { rows, p50: times[Math.floor(times.length / 2)] ?? 0, max: times[times.length - 1] ?? 0 };
}

async function main(): Promise<void> {
  installSignalHandlers();
  const waiting = waitingCount(process.argv.slice(2));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-bench-'));
  fs.chmodSync(workDir, 0o755);
  onCleanup('temp dir', () => fs.rmSync(workDir, { recursive: true, force: true }));
  const db = await openBenchDatabase(workDir);
  const sequelize = createSequelize({ url: db.url, poolMax: 2 });
  onCleanup('bench sequelize', () => sequelize.close());
  await migrateUp(sequelize);
  console.log(`Seeding one department: ${waiting.toLocaleString('en')} waiting, ${DONE} seen today...`);
  await seedQueue(sequelize, waiting);
  const where = `d.code = 'BIG' AND t.status IN ('waiting', 'called', 'serving')`;
  const extra = { columns: REACH_COLUMNS, joins: REACH_JOIN };
  const list = await timeQuery(sequelize, `${selectTicketList(where, extra)} ORDER BY t.id`);
  const perTicket = await timeQuery(sequelize, `${selectTickets(where, extra)} ORDER BY t.id`);
  const line = (label: string, figures: { rows: number; p50: number; max: number }) =>
    console.log(
      `${label.padEnd(48)} ${String(figures.rows).padStart(6)} rows  p50 ${figures.p50.toFixed(1).padStart(7)} ms  max ${figures.max.toFixed(1).padStart(7)} ms`,
    );
  console.log(`\nThe console's queue list (${RUNS} reads each, ${db.where}):`);
  line('list query (figures once per department)', list);
  line('few-tickets query (figures once per ticket)', perTicket);
  console.log(`ratio: ${(perTicket.p50 / Math.max(0.001, list.p50)).toFixed(1)}× faster`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  })
  .finally(() => runCleanups());

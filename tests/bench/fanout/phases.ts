import type { BenchOptions } from './options';
import { startServerProcess } from './children';
import type { ReceiverProcess } from './children';
import { NURSE, resetQueues } from './database';
import type { BenchDatabase, Seeded } from './database';
import { changeQueue, percentile, signIn } from './http';
import type { QueueAnswer } from './http';
import { cpuSecondsOf, machineTicks, sampleRss } from './proc';

export interface Setup {
  options: BenchOptions;
  db: BenchDatabase;
  seeded: Seeded;
  receiver: ReceiverProcess;
  caCertPath: string;
  /** The receiver's key seed: subscriptions are derived from it and the endpoint id. */
  seed: string;
}

export interface AnswerResult {
  open: { p50: number; p95: number; max: number; samples: number[] };
  close: { p50: number; p95: number };
  recipientsOk: boolean;
  peakRss: number;
}

export interface FanoutResult {
  openMs: number;
  recordedMs: number | null;
  acceptedMs: number | null;
  peakRss: number;
  cpu: { serverSeconds: number; receiverSeconds: number; machineBusyPercent: number };
  checks: Record<string, { ok: boolean; detail: string }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with performance.now() when `check` first holds, or null after `timeoutMs`. */
async function pollUntil(check: () => Promise<boolean>, intervalMs: number, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return performance.now();
    await sleep(intervalMs);
  }
  return null;
}

function serverEnv(setup: Setup, deliveryWorkers: boolean) {
  return {
    databaseUrl: setup.db.url,
    receiverOrigin: setup.receiver.origin,
    caCertPath: setup.caCertPath,
    deliveryWorkers,
  };
}

/**
 * Phase 1: a server with no delivery workers, so each answer is the transaction alone (flip, audit entry,
 * fan-out row with its recipient count) and nothing else competes for the CPU. Leaves the database clean.
 */
export async function measureAnswers(setup: Setup): Promise<AnswerResult> {
  const { options } = setup;
  const server = await startServerProcess(serverEnv(setup, false));
  const rss = sampleRss(server.pid);
  const token = await signIn(server.url, NURSE);
  const opens: number[] = [];
  const closes: number[] = [];
  let recipientsOk = true;
  for (let cycle = 0; cycle < options.warmup + options.cycles; cycle++) {
    const opened = await changeQueue(server.url, token, 'open');
    const closed = await changeQueue(server.url, token, 'close');
    recipientsOk &&= opened.answer.notificationStats.totalPatientsNotified === options.patients;
    if (cycle < options.warmup) continue;
    opens.push(opened.ms);
    closes.push(closed.ms);
  }
  const { peak } = rss.stop();
  await server.stop();
  await resetQueues(setup.db);
  return {
    open: { p50: percentile(opens, 50), p95: percentile(opens, 95), max: Math.max(...opens), samples: opens },
    close: { p50: percentile(closes, 50), p95: percentile(closes, 95) },
    recipientsOk,
    peakRss: peak,
  };
}

async function count(db: BenchDatabase, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Phase 2: a server with its delivery workers; one opening of OPD, then the time until the fan-out is
 * recorded (the fan-out's cursor reaches the last patient, committed with that batch's notifications)
 * and until the receiver has accepted one push per patient.
 */
export async function measureFanout(setup: Setup): Promise<FanoutResult> {
  const { db, options, receiver } = setup;
  const n = options.patients;
  const server = await startServerProcess(serverEnv(setup, true));
  const token = await signIn(server.url, NURSE);
  const before = await receiver.stats();
  const rss = sampleRss(server.pid);
  const cpuBefore = {
    server: cpuSecondsOf(server.pid),
    receiver: cpuSecondsOf(receiver.pid),
    machine: machineTicks(),
  };

  const started = performance.now();
  const { ms: openMs, answer } = await changeQueue(server.url, token, 'open');
  const { rows } = await db.pool.query<{ event_key: string }>(
    `SELECT event_key FROM fanouts WHERE type = 'queue_opened' ORDER BY id DESC LIMIT 1`,
  );
  const eventKey = rows[0]?.event_key ?? '';
  const timeoutMs = 300_000 + n;
  const recorded = pollUntil(
    async () =>
      (await count(db, `SELECT count(*) AS n FROM fanouts WHERE event_key = $1 AND (done OR cursor >= $2)`, [
        eventKey,
        setup.seeded.lastPatientId,
      ])) > 0,
    50,
    timeoutMs,
  );
  let lastProgress = 0;
  const accepted = pollUntil(
    async () => {
      const accepted = (await receiver.stats()).acceptedTotal - before.acceptedTotal;
      if (performance.now() - lastProgress > 5_000) {
        lastProgress = performance.now();
        console.log(
          `  ${((lastProgress - started) / 1000).toFixed(1)} s: ${accepted.toLocaleString('en')} pushes accepted`,
        );
      }
      return accepted >= n;
    },
    50,
    timeoutMs,
  );
  const [recordedAt, acceptedAt] = await Promise.all([recorded, accepted]);
  const cpuAfter = {
    server: cpuSecondsOf(server.pid),
    receiver: cpuSecondsOf(receiver.pid),
    machine: machineTicks(),
  };

  // Let retries (if any) finish, so that a duplicate or a late failure shows in the checks.
  await pollUntil(
    async () =>
      (await count(db, `SELECT count(*) AS n FROM notifications WHERE push_status = 'pending'`)) === 0,
    100,
    60_000,
  );
  await sleep(1_000);
  const { peak } = rss.stop();
  const after = await receiver.stats();
  const checks = await fanoutChecks(setup, eventKey, answer, {
    accepted: after.acceptedTotal - before.acceptedTotal,
    rejected: after.rejectedTotal - before.rejectedTotal,
  });
  await server.stop();
  const ticks = {
    busy: cpuAfter.machine.busy - cpuBefore.machine.busy,
    total: cpuAfter.machine.total - cpuBefore.machine.total,
  };
  return {
    openMs,
    recordedMs: recordedAt === null ? null : recordedAt - started,
    acceptedMs: acceptedAt === null ? null : acceptedAt - started,
    peakRss: peak,
    cpu: {
      serverSeconds: cpuAfter.server - cpuBefore.server,
      receiverSeconds: cpuAfter.receiver - cpuBefore.receiver,
      machineBusyPercent: ticks.total > 0 ? (100 * ticks.busy) / ticks.total : 0,
    },
    checks,
  };
}

async function fanoutChecks(
  setup: Setup,
  eventKey: string,
  answer: QueueAnswer,
  receiver: { accepted: number; rejected: number },
): Promise<FanoutResult['checks']> {
  const n = setup.options.patients;
  const recorded = await count(setup.db, `SELECT count(*) AS n FROM notifications WHERE event_key = $1`, [
    eventKey,
  ]);
  const sent = await count(
    setup.db,
    `SELECT count(*) AS n FROM notifications WHERE event_key = $1 AND delivery_status = 'sent' AND push_status = 'done'`,
    [eventKey],
  );
  const check = (ok: boolean, detail: string) => ({ ok, detail });
  return {
    'answer counts every patient': check(
      answer.notificationStats.totalPatientsNotified === n &&
        answer.notificationStats.notificationFailures === 0,
      `totalPatientsNotified ${answer.notificationStats.totalPatientsNotified}, failures ${answer.notificationStats.notificationFailures}`,
    ),
    'one notification per patient': check(recorded === n, `${recorded} recorded`),
    'every notification sent': check(sent === n, `${sent} sent and done`),
    'receiver accepted exactly N': check(receiver.accepted === n, `${receiver.accepted} accepted`),
    'receiver rejected none': check(receiver.rejected === 0, `${receiver.rejected} rejected`),
  };
}

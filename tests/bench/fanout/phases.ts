import type { BenchOptions } from './options';
import { countedOnly, startServerProcess } from './children';
import type { ReceiverProcess, ReceiverStats, ServerProcess } from './children';
import { NURSE, resetQueues } from './database';
import type { BenchDatabase, Seeded } from './database';
import { changeQueue, percentile, signIn } from './http';
import type { QueueAnswer } from './http';
import { cpuBetween, cpuSecondsOf, cpuSnapshot, postgresPids, sampleRss } from './proc';
import type { CpuUse } from './proc';

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
  /** When the open request was sent, in epoch ms (http.ts preciseNow): the calls made during it compare. */
  startedAtMs: number;
  openMs: number;
  recordedMs: number | null;
  acceptedMs: number | null;
  peakRss: number;
  /** CPU seconds from the click to the last push accepted, by process group. */
  cpu: CpuUse<'server' | 'receiver' | 'postgres'> & {
    /** Share of the fan-out's wall time the server's event-loop thread was on a CPU. */
    serverMainThreadBusyPercent: number;
  };
  checks: Record<string, { ok: boolean; detail: string }>;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with performance.now() when `check` first answers true, or null when it answers 'give up' or
 * after `timeoutMs`. `guard` runs before each check and throws to abort (the server died).
 */
export async function pollUntil(
  check: () => Promise<boolean | 'give up'>,
  intervalMs: number,
  timeoutMs: number,
  guard: () => void = () => undefined,
): Promise<number | null> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    guard();
    const answer = await check();
    if (answer === 'give up') return null;
    if (answer) return performance.now();
    await sleep(intervalMs);
  }
  return null;
}

/** Pushes stop being counted as "still coming" after this long without one more accepted. */
const STALL_MS = 60_000;

/** Runs `work` against a started server; an error carries the end of the server's own output. */
export async function withServer<T>(server: ServerProcess, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const output = server.spawned.output().trim().slice(-4_000);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- server output (end) ---\n${output || '(none)'}`, { cause: error });
  }
}

export function serverEnv(setup: Setup, deliveryWorkers: boolean) {
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
  const server = await startServerProcess(serverEnv(setup, false));
  return withServer(server, () => answerCycles(setup, server));
}

async function answerCycles(setup: Setup, server: ServerProcess): Promise<AnswerResult> {
  const { options } = setup;
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

export async function count(db: BenchDatabase, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** Until no push is pending (retries included), so a duplicate or a late failure shows in the checks. */
export async function pushesSettled(db: BenchDatabase, alive: () => void): Promise<void> {
  await pollUntil(
    async () =>
      (await count(db, `SELECT count(*) AS n FROM notifications WHERE push_status = 'pending'`)) === 0,
    100,
    60_000,
    alive,
  );
}

export interface OpeningWatch {
  /** The fan-out's event key, which its notifications carry. */
  eventKey: string;
  /** performance.now() when the fan-out's cursor reached the last patient, or null. */
  recorded: Promise<number | null>;
  /** performance.now() when the receiver had accepted `expectedPushes` more, or null (stalled, timed out). */
  accepted: Promise<number | null>;
}

/**
 * Follows the opening just answered: when its notifications are all recorded and when the receiver has
 * them all, printing the pushes accepted every 5 s. `alive` throws if a server died.
 */
export async function watchOpening(
  setup: { db: BenchDatabase; receiver: ReceiverProcess; seeded: Seeded },
  watch: { before: ReceiverStats; started: number; expectedPushes: number; alive: () => void },
): Promise<OpeningWatch> {
  const { db, receiver } = setup;
  const { rows } = await db.pool.query<{ event_key: string }>(
    `SELECT event_key FROM fanouts WHERE type = 'queue_opened' ORDER BY id DESC LIMIT 1`,
  );
  const eventKey = rows[0]?.event_key ?? '';
  const timeoutMs = 300_000 + watch.expectedPushes;
  const recorded = pollUntil(
    async () =>
      (await count(db, `SELECT count(*) AS n FROM fanouts WHERE event_key = $1 AND (done OR cursor >= $2)`, [
        eventKey,
        setup.seeded.lastPatientId,
      ])) > 0,
    50,
    timeoutMs,
    watch.alive,
  );
  let lastLine = 0;
  let lastCount = 0;
  let lastChange = performance.now();
  const accepted = pollUntil(
    async () => {
      // Timed pushes (a call during the opening) are not the opening's.
      const accepted = countedOnly(await receiver.stats()) - countedOnly(watch.before);
      const now = performance.now();
      if (accepted !== lastCount) [lastCount, lastChange] = [accepted, now];
      if (now - lastLine > 5_000) {
        lastLine = now;
        console.log(
          `  ${((now - watch.started) / 1000).toFixed(1)} s: ${accepted.toLocaleString('en')} pushes accepted`,
        );
      }
      if (accepted >= watch.expectedPushes) return true;
      return now - lastChange > STALL_MS ? 'give up' : false;
    },
    50,
    timeoutMs,
    watch.alive,
  );
  return { eventKey, recorded, accepted };
}

/** The benchmark's processes by group, for CPU accounting; PostgreSQL's change as it starts backends. */
export function processGroups(setup: Setup, server: ServerProcess) {
  return {
    server: [server.pid],
    receiver: [setup.receiver.pid],
    postgres: setup.db.dataDir ? postgresPids(setup.db.dataDir) : [],
  };
}

/**
 * Phase 2, on a server with its delivery workers (see calls-phase.ts): one opening of OPD, then the time
 * until the fan-out is recorded (the fan-out's cursor reaches the last patient, committed with that
 * batch's notifications) and until the receiver has accepted one push per patient. `alongside` starts as
 * soon as the opening has answered, and is awaited before the server's outcomes are checked.
 */
export async function fanoutOnce<T>(
  setup: Setup,
  server: ServerProcess,
  token: string,
  alongside: () => Promise<T>,
): Promise<{ fanout: FanoutResult; alongside: T }> {
  const { db, options, receiver } = setup;
  const n = options.patients;
  const before = await receiver.stats();
  const rss = sampleRss(server.pid);
  const cpuGroups = () => processGroups(setup, server);
  const cpuBefore = cpuSnapshot(Object.values(cpuGroups()).flat());
  const mainThreadBefore = cpuSecondsOf(server.pid, true);

  const started = performance.now();
  const { ms: openMs, answer } = await changeQueue(server.url, token, 'open');
  const during = alongside();
  // Awaited below; until then a failure must not count as unhandled.
  during.catch(() => undefined);
  const serverAlive = () => {
    const { exitCode, signalCode } = server.spawned.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`the server exited (${exitCode ?? signalCode}) during the fan-out`);
    }
  };
  const { eventKey, recorded, accepted } = await watchOpening(setup, {
    before,
    started,
    expectedPushes: n,
    alive: serverAlive,
  });
  const [recordedAt, acceptedAt] = await Promise.all([recorded, accepted]);
  const groups = cpuGroups();
  const mainThread = cpuSecondsOf(server.pid, true) - mainThreadBefore;
  const fanoutSeconds = (performance.now() - started) / 1000;
  const cpu = {
    ...cpuBetween(cpuBefore, cpuSnapshot(Object.values(groups).flat()), groups),
    serverMainThreadBusyPercent: (100 * mainThread) / fanoutSeconds,
  };
  const alongsideResult = await during;

  await pushesSettled(db, serverAlive);
  await sleep(1_000);
  const { peak } = rss.stop();
  const after = await receiver.stats();
  const checks = await fanoutChecks(setup, eventKey, answer, {
    accepted: countedOnly(after) - countedOnly(before),
    rejected: after.rejectedTotal - before.rejectedTotal,
  });
  const fanout = {
    startedAtMs: performance.timeOrigin + started,
    openMs,
    recordedMs: recordedAt === null ? null : recordedAt - started,
    acceptedMs: acceptedAt === null ? null : acceptedAt - started,
    peakRss: peak,
    cpu,
    checks,
  };
  return { fanout, alongside: alongsideResult };
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

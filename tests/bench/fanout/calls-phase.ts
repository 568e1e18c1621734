import { CALL_DEPARTMENT, seedCallers } from './callers';
import { duringFanout, summariseCalls } from './call-series';
import type { CallSeries } from './call-series';
import { fireCalls, matchCalls, timedPushes } from './calls';
import type { CallPlan, TimedCall, TimedPushes } from './calls';
import { watchClaims } from './claims';
import type { ClaimWatch } from './claims';
import { startServerProcess } from './children';
import type { ServerProcess } from './children';
import { NURSE } from './database';
import { callNext, preciseNow, signIn } from './http';
import { fanoutOnce, processGroups, pushesSettled, serverEnv, sleep, withServer } from './phases';
import type { FanoutResult, Setup } from './phases';
import { cpuBetween, cpuSnapshot } from './proc';

export interface CallsResult {
  plan: { calls: number; everyMs: number; warmup: number };
  idle: CallSeries;
  /** The same calls while the opening is being pushed, and how many really were made during it. */
  underLoad: CallSeries & { duringFanout: { sent: number; pushed: number } };
  checks: Record<string, { ok: boolean; detail: string }>;
}

/** How long a series' last push may take after its last call before it counts as missing. */
const PUSH_WAIT_MS = 120_000;

/**
 * Phase 2 of bench:fanout, on one server with its delivery workers: the nurse's calls to their pushes,
 * first on the idle server (after unmeasured warm-up calls), then the opening of OPD with the same calls
 * made during its fan-out. `settle(phase)` runs before each measured part (see fanout.ts).
 */
export async function measureFanoutAndCalls(
  setup: Setup,
  settle: (phase: string) => Promise<void>,
): Promise<{ fanout: FanoutResult; calls: CallsResult }> {
  const { options } = setup;
  const callers = await seedCallers(setup.db, {
    count: options.warmup + 2 * options.calls,
    receiverOrigin: setup.receiver.origin,
    seed: setup.seed,
  });
  const server = await startServerProcess(serverEnv(setup, true));
  return withServer(server, async () => {
    const token = await signIn(server.url, NURSE);
    const plan: CallPlan = { url: server.url, token, count: options.calls, everyMs: options.callEvery };
    const pushes = timedPushes(setup.receiver);
    console.log(
      `Calls (a phase of bench:fanout): ${options.warmup} warm-up + ${options.calls} calls on the idle ` +
        `server, one every ${options.callEvery} ms...`,
    );
    await warmUp(setup, plan, pushes, server);
    await settle('calls');
    // From here to the end, for both series alike.
    const watch = await watchClaims(setup.db, callers);
    const idle = await idleCalls(setup, server, { plan, pushes, watch });
    await settle('fanout');
    console.log(
      `Fan-out: one opening with delivery workers on, and ${options.calls} more calls during it...`,
    );
    const { fanout, underLoad } = await openingWithCalls(setup, server, { plan, pushes, watch });
    const planned = { calls: options.calls, everyMs: options.callEvery, warmup: options.warmup };
    return { fanout, calls: { plan: planned, idle, underLoad, checks: callChecks(idle, underLoad) } };
  });
}

/** The opening, with the plan's calls made from its answer on; the server stops at the end. */
async function openingWithCalls(
  setup: Setup,
  server: ServerProcess,
  series: { plan: CallPlan; pushes: TimedPushes; watch: ClaimWatch },
): Promise<{ fanout: FanoutResult; underLoad: CallsResult['underLoad'] }> {
  const { fanout, alongside } = await fanoutOnce(setup, server, series.plan.token, () =>
    timedSeries(setup, series.plan, series.pushes),
  );
  await server.stop();
  await series.watch.stop();
  // The fan-out is over when the receiver has its last push (or at least all are recorded).
  const fanoutMs = fanout.acceptedMs ?? fanout.recordedMs ?? preciseNow() - fanout.startedAtMs;
  const fanoutEndMs = fanout.startedAtMs + fanoutMs;
  // Matched again now that every push has settled: a duplicate would show only now.
  const calls = await matchCalls(setup.db, series.pushes, alongside, { claims: series.watch.claims });
  const underLoad = {
    ...summariseCalls(calls, { ...fanout.cpu, seconds: fanoutMs / 1000 }),
    duringFanout: duringFanout(calls, fanoutEndMs),
  };
  return { fanout, underLoad };
}

const serverAlive = (server: ServerProcess) => () => {
  if (server.spawned.child.exitCode !== null) throw new Error('the server exited during the calls');
};

/** Unmeasured calls one by one, each to its push, then everything settled: the idle calls find it warm. */
async function warmUp(setup: Setup, plan: CallPlan, pushes: TimedPushes, server: ServerProcess) {
  for (let index = 0; index < setup.options.warmup; index++) {
    const answer = await callNext(plan.url, plan.token, { department: CALL_DEPARTMENT, room: '1' });
    await matchCalls(setup.db, pushes, [answer], { waitMs: PUSH_WAIT_MS });
  }
  await pushesSettled(setup.db, serverAlive(server));
  await sleep(1_000);
}

/** The measured calls on the idle server, and the CPU each process used while they ran; then settled. */
async function idleCalls(
  setup: Setup,
  server: ServerProcess,
  series: { plan: CallPlan; pushes: TimedPushes; watch: ClaimWatch },
): Promise<CallSeries> {
  const pids = () => Object.values(processGroups(setup, server)).flat();
  const before = cpuSnapshot(pids());
  const started = performance.now();
  const calls = await timedSeries(setup, series.plan, series.pushes);
  const cpu = {
    ...cpuBetween(before, cpuSnapshot(pids()), processGroups(setup, server)),
    seconds: (performance.now() - started) / 1000,
  };
  await pushesSettled(setup.db, serverAlive(server));
  await sleep(1_000);
  const matched = await matchCalls(setup.db, series.pushes, calls, { claims: series.watch.claims });
  return summariseCalls(matched, cpu);
}

/** The plan's calls, after waiting for each one's push (the caller matches them again once settled). */
async function timedSeries(setup: Setup, plan: CallPlan, pushes: TimedPushes): Promise<TimedCall[]> {
  const answers = await fireCalls(plan);
  return matchCalls(setup.db, pushes, answers, { waitMs: PUSH_WAIT_MS });
}

function callChecks(idle: CallSeries, underLoad: CallSeries): CallsResult['checks'] {
  const check = (series: CallSeries) => {
    const error = series.calls.find((call) => call.error !== null)?.error;
    const detail = `${series.complete} of ${series.calls.length}${error ? `; first error: ${error}` : ''}`;
    return { ok: series.complete === series.calls.length, detail };
  };
  return {
    'idle calls answered, each pushed once to its patient': check(idle),
    'calls during the opening answered, each pushed once to its patient': check(underLoad),
  };
}

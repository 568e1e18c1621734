import type { TimedCall } from './calls';
import { percentile } from './http';
import type { CpuUse } from './proc';

/** CPU seconds by process group over `seconds` of wall time (the idle calls, or the whole fan-out). */
export type SeriesCpu = CpuUse<'server' | 'receiver' | 'postgres'> & { seconds: number };

/** Nearest-rank p50 and p99 and the maximum of some milliseconds; NaN for none. */
export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

/** One series of calls (idle, or during the opening) and what it measured. */
export interface CallSeries {
  calls: TimedCall[];
  /** From the call-next request to its push accepted, of the calls pushed, in calling order. */
  latency: Spread & { samples: number[] };
  /**
   * Where that time goes, each from the request: the call's answer (its transaction and commit, then
   * the broadcasts); its claim by a delivery loop (the NOTIFY, a loop finishing its batch, the claim);
   * the push request's arrival at the receiver (subscriptions, payload, encryption, HTTP); and the
   * receiver's own part from arrival to 2xx (VAPID check, decryption).
   */
  stages: { answered: Spread; claimed: Spread; atReceiver: Spread; inReceiver: Spread };
  /** Calls whose claim watchClaims saw (a claim shorter than its look interval may go unseen). */
  claimsSeen: number;
  /** Calls answered and pushed exactly once, to the called patient. */
  complete: number;
  /** While the calls were made and pushed: the idle calls' own, or the fan-out's during the opening. */
  cpu: SeriesCpu;
}

export function spread(values: number[]): Spread {
  return {
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: values.length > 0 ? Math.max(...values) : Number.NaN,
  };
}

type Moment = (call: TimedCall) => number | null;

/** Milliseconds from `from` to `to` of each call that has both. */
function between(calls: TimedCall[], from: Moment, to: Moment): number[] {
  return calls.flatMap((call) => {
    const [start, end] = [from(call), to(call)];
    return start === null || end === null ? [] : [end - start];
  });
}

const sent: Moment = (call) => call.sentAtMs;
const arrived: Moment = (call) => call.arrivedAtMs;

export function summariseCalls(calls: TimedCall[], cpu: SeriesCpu): CallSeries {
  const samples = between(calls, sent, (call) => call.acceptedAtMs);
  return {
    calls,
    latency: { ...spread(samples), samples },
    stages: {
      answered: spread(between(calls, sent, (call) => (call.error ? null : call.answeredAtMs))),
      claimed: spread(between(calls, sent, (call) => call.claimedAtMs)),
      atReceiver: spread(between(calls, sent, arrived)),
      inReceiver: spread(between(calls, arrived, (call) => call.acceptedAtMs)),
    },
    claimsSeen: calls.filter((call) => call.claimedAtMs !== null).length,
    complete: calls.filter((call) => call.error === null && call.pushes === 1 && call.rightPatient).length,
    cpu,
  };
}

/** How many calls were made, and how many pushed, before the opening's last push was accepted. */
export function duringFanout(calls: TimedCall[], fanoutEndMs: number): { sent: number; pushed: number } {
  return {
    sent: calls.filter((c) => c.sentAtMs < fanoutEndMs).length,
    pushed: calls.filter((c) => c.acceptedAtMs !== null && c.acceptedAtMs <= fanoutEndMs).length,
  };
}

import type { CallSeries, Spread } from './call-series';
import type { CallsResult } from './calls-phase';
import type { Row } from './table';

/** The targets of issue 16: a call's push during an opening within 1 s, and within 3× an idle one's. */
export const CALL_P99_LIMIT_MS = 1_000;
export const CALL_P99_RATIO_LIMIT = 3;

/** As for the fan-out (report.ts): other work above a tenth of a core on average slows the figures. */
const OTHERS_NOTE_CORES = 0.1;

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const pair = (spread: Spread) => `${ms(spread.p50)} / ${ms(spread.p99)}`;

/** Under-load p99 ÷ idle p99. */
export function p99Ratio(calls: CallsResult): number {
  return calls.underLoad.latency.p99 / calls.idle.latency.p99;
}

function stages(series: CallSeries): string {
  const { answered, claimed, atReceiver, inReceiver } = series.stages;
  return [answered, claimed, atReceiver, inReceiver].map(pair).join(' · ') + ' ms';
}

export function callRows(calls: CallsResult): Row[] {
  const { idle, underLoad, plan } = calls;
  const ratio = p99Ratio(calls);
  const loadP99 = underLoad.latency.p99;
  const correct = Object.values(calls.checks).every((check) => check.ok);
  const { sent, pushed } = underLoad.duringFanout;
  return [
    {
      figure: `call → push accepted, idle server: p50 / p99 (${plan.calls} calls, one every ${plan.everyMs} ms)`,
      measured: `${pair(idle.latency)} ms`,
      target: '',
      result: '',
    },
    {
      figure: 'call → push accepted during the opening: p50 / p99',
      measured: `${pair(underLoad.latency)} ms`,
      target: `p99 ≤ ${CALL_P99_LIMIT_MS / 1000} s`,
      result: loadP99 <= CALL_P99_LIMIT_MS ? 'OK' : 'MISS',
    },
    {
      figure: 'during-opening p99 ÷ idle p99',
      measured: Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : '–',
      target: `≤ ${CALL_P99_RATIO_LIMIT}×`,
      result: ratio <= CALL_P99_RATIO_LIMIT ? 'OK' : 'MISS',
    },
    {
      figure: "calls made during the fan-out / pushed before the opening's last push",
      measured: `${sent} / ${pushed} of ${underLoad.calls.length}`,
      target: '',
      result: '',
    },
    {
      figure: 'idle, from the request, p50 / p99: answer · claim · push at receiver · receiver',
      measured: stages(idle),
      target: '',
      result: '',
    },
    { figure: 'during the opening, the same', measured: stages(underLoad), target: '', result: '' },
    {
      figure: 'claims seen (idle / during the opening)',
      measured: `${idle.claimsSeen} / ${underLoad.claimsSeen} of ${plan.calls}`,
      target: '',
      result: '',
    },
    {
      figure: 'CPU s in the idle calls: server / receiver / postgres / others',
      measured: [idle.cpu.server, idle.cpu.receiver, idle.cpu.postgres, idle.cpu.others]
        .map((seconds) => seconds.toFixed(1))
        .join(' / '),
      target: '',
      result: '',
    },
    {
      figure: 'correctness: every call answered, pushed once to its patient',
      measured: correct ? 'yes' : 'no',
      target: 'yes',
      result: correct ? 'PASS' : 'FAIL',
    },
  ];
}

/** What may make the call figures say less than they seem to, as sentences. */
export function callNotes(calls: CallsResult): string[] {
  const notes: string[] = [];
  const { sent } = calls.underLoad.duringFanout;
  if (sent < calls.underLoad.calls.length) {
    notes.push(
      `only ${sent} of ${calls.underLoad.calls.length} calls were made before the fan-out ended: the ` +
        'during-opening figures flatter it. Use more patients or a shorter --call-every.',
    );
  }
  const { others, seconds } = calls.idle.cpu;
  if (seconds > 0 && others / seconds >= OTHERS_NOTE_CORES) {
    notes.push(
      `other processes used ${others.toFixed(1)} CPU-seconds during the idle calls (${((100 * others) / seconds).toFixed(0)} % ` +
        'of one core on average): they may have slowed them, which flatters the ratio to idle.',
    );
  }
  return notes;
}

/** Per call, from its request: answered, recorded, push arrived, push accepted (ms); and its ids. */
function callsJson(series: CallSeries) {
  const from = (start: number, at: number | null) => (at === null ? null : at - start);
  return {
    latencyMs: series.latency,
    stagesMs: series.stages,
    cpu: series.cpu,
    calls: series.calls.map((call) => ({
      ticketId: call.ticketId,
      notificationId: call.notificationId,
      sentAtMs: call.sentAtMs,
      answeredMs: from(call.sentAtMs, call.answeredAtMs),
      recordedMs: from(call.sentAtMs, call.recordedAtMs),
      claimedMs: from(call.sentAtMs, call.claimedAtMs),
      pushArrivedMs: from(call.sentAtMs, call.arrivedAtMs),
      pushAcceptedMs: from(call.sentAtMs, call.acceptedAtMs),
      pushes: call.pushes,
      error: call.error,
    })),
  };
}

export function callsResultsJson(calls: CallsResult) {
  return {
    plan: calls.plan,
    idle: callsJson(calls.idle),
    underLoad: { ...callsJson(calls.underLoad), duringFanout: calls.underLoad.duringFanout },
    p99Ratio: p99Ratio(calls),
    targets: { p99UnderLoadMs: CALL_P99_LIMIT_MS, p99Ratio: CALL_P99_RATIO_LIMIT },
  };
}

import os from 'node:os';
import { callNotes, callRows, callsResultsJson } from './calls-report';
import type { CallsResult } from './calls-phase';
import type { SampleResult } from './sample-main';
import type { AnswerResult, FanoutResult } from './phases';
import type { BenchOptions } from './options';
import type { Row } from './table';

export interface Measurements {
  options: BenchOptions;
  database: string;
  answers: AnswerResult;
  fanout: FanoutResult;
  /** The nurse's calls to their pushes, idle and during the opening. */
  calls: CallsResult;
  sample: SampleResult;
  /** Machine CPU busy (%) just before each phase started: other people's work skews the figures. */
  busyBefore: Record<string, number>;
}

const ms = (value: number | null) => (value === null ? 'not reached' : `${value.toFixed(0)} ms`);
const seconds = (value: number | null) => (value === null ? 'not reached' : `${(value / 1000).toFixed(2)} s`);
const perSecond = (value: number) => `${Math.round(value).toLocaleString('en')} /s`;
// Decimal megabytes, as the target is written (500 MB = 500,000,000 bytes, the stricter reading).
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const within = (value: number | null, limit: number): Row['result'] =>
  value !== null && value <= limit ? 'OK' : 'MISS';

/** Our push rate: every patient's push accepted, counted from the nurse's click. */
export function pushRate(m: Measurements): number {
  return m.fanout.acceptedMs === null ? 0 : (m.options.patients / m.fanout.acceptedMs) * 1000;
}

function cpuText(cpu: FanoutResult['cpu']): string {
  const s = (value: number | undefined) => (value === undefined ? '?' : value.toFixed(1));
  return [cpu.server, cpu.receiver, cpu.postgres, cpu.others].map(s).join(' / ');
}

export function rows(m: Measurements): Row[] {
  const { answers, fanout, sample } = m;
  const n = m.options.patients.toLocaleString('en');
  const rate = pushRate(m);
  const naiveRatio = rate / sample.naive.perSecond;
  const floorFraction = rate / sample.floor.perSecond;
  const peakRss = Math.max(answers.peakRss, fanout.peakRss);
  const correct = Object.values(fanout.checks).every((check) => check.ok) && answers.recipientsOk;
  const naiveOk = sample.naive.accepted === sample.naive.sends;
  return [
    {
      figure: `open answer p50 (${m.options.cycles} cycles, no workers)`,
      measured: ms(answers.open.p50),
      target: '',
      result: '',
    },
    {
      figure: 'open answer p95',
      measured: ms(answers.open.p95),
      target: '≤ 150 ms',
      result: within(answers.open.p95, 150),
    },
    {
      figure: 'close answer p50 / p95',
      measured: `${ms(answers.close.p50)} / ${ms(answers.close.p95)}`,
      target: '',
      result: '',
    },
    {
      // One cold request, not the p95 the target is about: shown, not judged.
      figure: 'open answer in the fan-out run (first opening after start)',
      measured: ms(fanout.openMs),
      target: '',
      result: '',
    },
    {
      figure: `all ${n} notifications recorded`,
      measured: seconds(fanout.recordedMs),
      target: '≤ 5 s',
      result: within(fanout.recordedMs, 5_000),
    },
    {
      figure: `all ${n} pushes accepted by the receiver`,
      measured: seconds(fanout.acceptedMs),
      target: '≤ 45 s',
      result: within(fanout.acceptedMs, 45_000),
    },
    {
      figure: 'our push rate (patients / time to all accepted)',
      measured: perSecond(rate),
      target: '',
      result: '',
    },
    {
      figure: `naive rate (web-push one by one, best of ${sample.naive.rounds} × ${sample.naive.count})`,
      measured: perSecond(sample.naive.perSecond),
      target: '',
      result: '',
    },
    {
      figure: 'ours ÷ naive',
      measured: `${naiveRatio.toFixed(1)}×`,
      target: '≥ 5×',
      result: naiveRatio >= 5 ? 'OK' : 'MISS',
    },
    {
      figure: `floor (RFC 8291 encryption only, best of 5 × ${sample.floor.count})`,
      measured: perSecond(sample.floor.perSecond),
      target: '',
      result: '',
    },
    { figure: 'ours ÷ floor', measured: `${(100 * floorFraction).toFixed(0)} %`, target: '', result: '' },
    ...callRows(m.calls),
    {
      figure: 'peak server RSS',
      measured: mb(peakRss),
      target: '≤ 500 MB',
      result: peakRss <= 500e6 ? 'OK' : 'MISS',
    },
    {
      figure: 'CPU s in the fan-out: server / receiver / postgres / others',
      measured: cpuText(fanout.cpu),
      target: '',
      result: '',
    },
    {
      figure: "server's event-loop thread busy during the fan-out",
      measured: `${fanout.cpu.serverMainThreadBusyPercent.toFixed(0)} %`,
      target: '',
      result: '',
    },
    {
      figure: 'machine CPU busy during the fan-out',
      measured: `${fanout.cpu.machineBusyPercent.toFixed(0)} %`,
      target: '',
      result: '',
    },
    {
      figure: 'machine busy just before: sample / answers / calls / fan-out',
      measured: ['sample', 'answers', 'calls', 'fanout']
        .map((phase) => `${(m.busyBefore[phase] ?? 0).toFixed(0)} %`)
        .join(' / '),
      target: '',
      result: '',
    },
    {
      figure: 'correctness: one push per patient, none rejected',
      measured: correct ? 'yes' : 'no',
      target: 'yes',
      result: correct ? 'PASS' : 'FAIL',
    },
    {
      figure: 'correctness: naive sends all accepted',
      measured: `${sample.naive.accepted} / ${sample.naive.sends}`,
      target: 'all',
      result: naiveOk ? 'PASS' : 'FAIL',
    },
  ];
}

/**
 * Other processes' CPU use during the fan-out, as a sentence when it was large enough (over a tenth of one
 * core on average) to make the time figures pessimistic; undefined for a clean run.
 */
export function disturbedBy(m: Measurements): string | undefined {
  const seconds = (m.fanout.acceptedMs ?? m.fanout.recordedMs ?? 0) / 1000;
  const others = m.fanout.cpu.others;
  if (seconds <= 0 || others / seconds < 0.1) return undefined;
  return (
    `other processes used ${others.toFixed(1)} CPU-seconds during the fan-out (${((100 * others) / seconds).toFixed(0)} % ` +
    'of one core on average): the time figures are pessimistic. Rerun on a quiet machine, or with --wait-idle 300.'
  );
}

/** Every reason to read a run's figures with care, as sentences: other work, calls outside the fan-out. */
export function notes(m: Measurements): string[] {
  const disturbance = disturbedBy(m);
  return [...(disturbance ? [disturbance] : []), ...callNotes(m.calls)];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
  };
}

export function resultsJson(m: Measurements, table: Row[], startedAt: Date, loadAtStart: number[]) {
  return {
    benchmark: 'fanout',
    date: startedAt.toISOString(),
    machine: { ...machine(), loadAverageAtStart: loadAtStart },
    options: m.options,
    database: m.database,
    figures: {
      openAnswerMs: {
        p50: m.answers.open.p50,
        p95: m.answers.open.p95,
        max: m.answers.open.max,
        samples: m.answers.open.samples,
      },
      closeAnswerMs: m.answers.close,
      openAnswerWithWorkersMs: m.fanout.openMs,
      allRecordedMs: m.fanout.recordedMs,
      allAcceptedMs: m.fanout.acceptedMs,
      pushRatePerSecond: pushRate(m),
      naive: m.sample.naive,
      floor: m.sample.floor,
      oursOverNaive: pushRate(m) / m.sample.naive.perSecond,
      oursOverFloor: pushRate(m) / m.sample.floor.perSecond,
      peakServerRssBytes: Math.max(m.answers.peakRss, m.fanout.peakRss),
      peakServerRssBytesByPhase: { answers: m.answers.peakRss, fanout: m.fanout.peakRss },
      cpuDuringFanout: m.fanout.cpu,
      calls: callsResultsJson(m.calls),
    },
    machineBusyBeforePhasePercent: m.busyBefore,
    disturbance: disturbedBy(m) ?? null,
    notes: notes(m),
    checks: { ...m.fanout.checks, ...m.calls.checks },
    table,
  };
}

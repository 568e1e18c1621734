import { readdirSync, readFileSync } from 'node:fs';

// /proc reports CPU times in USER_HZ ticks, which Linux fixes at 100 for user space.
const TICKS_PER_SECOND = 100;

/** Resident and peak resident memory of a process, in bytes, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return undefined;
  }
}

/**
 * User + system CPU seconds a process has used so far, all its threads; with `mainThread`, only the
 * thread that runs its JavaScript event loop.
 */
export function cpuSecondsOf(pid: number, mainThread = false): number {
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Machine-wide busy and total CPU ticks, from the first line of /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export interface RssSampler {
  /** Highest of the samples (every intervalMs) and the kernel's own high-water mark, in bytes. */
  stop(): { peak: number; samples: number };
}

export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak = 0;
  let samples = 0;
  const take = () => {
    const memory = memoryOf(pid);
    if (!memory) return;
    samples += 1;
    peak = Math.max(peak, memory.rss, memory.hwm);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      take();
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function pids(): string[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
}

/**
 * The embedded cluster's postmaster (its command line names the data directory) and every process it
 * started: backends, checkpointer, WAL writer, autovacuum. Empty when the cluster is not ours to see.
 */
export function postgresPids(dataDir: string): number[] {
  const all = pids();
  const postmaster = all.find((pid) => {
    const cmdline = readProc(pid, 'cmdline');
    return cmdline.includes(dataDir) && cmdline.includes('postgres');
  });
  if (!postmaster) return [];
  const children = all.filter((pid) => {
    const stat = readProc(pid, 'stat');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === postmaster;
  });
  return [postmaster, ...children].map(Number);
}

export interface CpuSnapshot {
  machine: { busy: number; total: number };
  byPid: Map<number, number>;
  self: number;
}

/** CPU seconds so far of each listed process, of the whole machine (ticks), and of this process. */
export function cpuSnapshot(pidList: number[]): CpuSnapshot {
  const { user, system } = process.cpuUsage();
  return {
    machine: machineTicks(),
    byPid: new Map(pidList.map((pid) => [pid, cpuSecondsOf(pid)])),
    self: (user + system) / 1e6,
  };
}

/**
 * CPU seconds each group used between two snapshots (a process that started meanwhile counts from 0; one
 * that exited meanwhile is lost, so PostgreSQL's short-lived autovacuum workers may be undercounted),
 * and what the rest of the machine used: other people's work on a shared machine shows up there.
 */
export type CpuUse<G extends string> = Record<G, number> & {
  bench: number;
  others: number;
  machineBusyPercent: number;
};

export function cpuBetween<G extends string>(
  before: CpuSnapshot,
  after: CpuSnapshot,
  groups: Record<G, number[]>,
): CpuUse<G> {
  const used = {} as Record<G, number>;
  let ours = after.self - before.self;
  for (const name of Object.keys(groups) as G[]) {
    used[name] = groups[name].reduce(
      (sum, pid) => sum + (after.byPid.get(pid) ?? 0) - (before.byPid.get(pid) ?? 0),
      0,
    );
    ours += used[name];
  }
  const ticks = after.machine.total - before.machine.total;
  const busySeconds = (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND;
  return {
    ...used,
    bench: after.self - before.self,
    others: Math.max(0, busySeconds - ours),
    machineBusyPercent: ticks > 0 ? (100 * (after.machine.busy - before.machine.busy)) / ticks : 0,
  };
}

/** Share of the machine's CPU time that was busy over the next `ms` milliseconds. */
export async function machineBusyPercent(ms: number): Promise<number> {
  const before = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineTicks();
  const total = after.total - before.total;
  return total > 0 ? (100 * (after.busy - before.busy)) / total : 0;
}

/**
 * Waits (up to `maxSeconds`) until the machine is quiet: less than `thresholdPercent` busy over 3 s.
 * Answers how busy it was at the last look.
 */
export async function waitForIdle(maxSeconds: number, thresholdPercent = 15): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  let lastSaid = 0;
  let busy = await machineBusyPercent(3_000);
  while (busy >= thresholdPercent && performance.now() < deadline) {
    if (performance.now() - lastSaid > 30_000) {
      lastSaid = performance.now();
      const left = Math.round((deadline - lastSaid) / 1000);
      console.log(
        `  the machine is ${busy.toFixed(0)} % busy with other work; waiting (up to ${left} s more)...`,
      );
    }
    busy = await machineBusyPercent(3_000);
  }
  return busy;
}

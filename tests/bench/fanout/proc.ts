import { readFileSync } from 'node:fs';

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

/** User + system CPU seconds a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
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

/** Command-line flags of `npm run bench:fanout`. */
export interface BenchOptions {
  /** Patients, each with one push subscription at the receiver. */
  patients: number;
  /** Subscriptions for the naive (web-push one by one) and floor (encryption only) measurements. */
  sample: number;
  /** Measured open/close cycles for the answer time, after `warmup` unmeasured ones. */
  cycles: number;
  /** Unmeasured open/close cycles, and unmeasured calls before the idle ones. */
  warmup: number;
  /** Nurse's calls timed to their push, on the idle server and again during the opening. */
  calls: number;
  /** Milliseconds between two calls' requests (each sent on time, not after the previous answer). */
  callEvery: number;
  /**
   * Seconds to wait, before each measured phase, for the rest of the machine to go quiet (a shared CI
   * runner or workstation); 0 measures at once. The figures report how busy the machine was anyway.
   */
  waitIdle: number;
}

const DEFAULTS: BenchOptions = {
  patients: 100_000,
  sample: 2_000,
  cycles: 20,
  warmup: 3,
  calls: 50,
  callEvery: 200,
  waitIdle: 0,
};

const USAGE = `Usage: npm run bench:fanout -- [--patients N] [--sample N] [--cycles N] [--warmup N]
         [--calls N] [--call-every MS] [--wait-idle S]
  --patients   patients with a push subscription (default ${DEFAULTS.patients})
  --sample     sends for the naive and floor comparisons (default ${DEFAULTS.sample})
  --cycles     measured open/close cycles for the answer time (default ${DEFAULTS.cycles})
  --warmup     unmeasured cycles before them, and unmeasured calls before the idle calls
               (default ${DEFAULTS.warmup})
  --calls      nurse's calls timed to their push, idle and again during the opening (default ${DEFAULTS.calls})
  --call-every milliseconds between two calls (default ${DEFAULTS.callEvery})
  --wait-idle  up to S seconds, before each measured phase, waiting for other processes to leave the
               CPUs alone (default ${DEFAULTS.waitIdle}: measure at once)
Environment: BENCH_DATABASE_URL (an admin URL; default: an embedded PostgreSQL in a temp dir).`;

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const options = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    if (flag === '--help' || flag === '-h') return 'help';
    const [name, inline] = flag.split('=', 2);
    const key = (name?.replace(/^--/, '') ?? '').replace(/-([a-z])/g, (_, letter: string) =>
      letter.toUpperCase(),
    );
    if (!name?.startsWith('--') || !(key in options)) throw new UsageError(`unknown flag ${flag}\n${USAGE}`);
    const text = inline ?? argv[++index];
    const value = Number(text);
    const min = key === 'warmup' || key === 'waitIdle' ? 0 : 1;
    if (!Number.isInteger(value) || value < min) {
      throw new UsageError(`${name} needs an integer ≥ ${min}, got ${text ?? 'nothing'}\n${USAGE}`);
    }
    options[key as keyof BenchOptions] = value;
  }
  return options;
}

export { USAGE };

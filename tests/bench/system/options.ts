import { UsageError } from '../fanout/options';
/** Command-line flags of `npm run bench` (the whole-system benchmark). */
export interface SystemOptions {
  /** Patients, each with one push subscription at the receiver. */
  patients: number;
  /** Socket.IO clients, each a distinct patient, connected from one other process. */
  sockets: number;
  /** Subscriptions for the naive (web-push one by one) and floor (encryption only) comparisons. */
  sample: number;
  /** Server process counts to measure, in order: [1, 2] by default; --only 1 or --only 2 for one of them. */
  processes: number[];
  /** Seconds to wait, before each measured phase, for the rest of the machine to go quiet. */
  waitIdle: number;
}

const DEFAULTS: SystemOptions = {
  patients: 100_000,
  sockets: 5_000,
  sample: 2_000,
  processes: [1, 2],
  waitIdle: 0,
};

export const USAGE = `Usage: npm run bench -- [--patients N] [--sockets N] [--sample N] [--only 1|2] [--wait-idle S]
  --patients  patients with a push subscription (default ${DEFAULTS.patients})
  --sockets   Socket.IO clients (distinct patients) in another process (default ${DEFAULTS.sockets})
  --sample    sends for the naive and floor comparisons (default ${DEFAULTS.sample})
  --only      measure only one server process (1) or only two (2); default both, one after the other
  --wait-idle up to S seconds, before each measured phase, waiting for other processes to leave the
              CPUs alone (default ${DEFAULTS.waitIdle}: measure at once)
Environment: BENCH_DATABASE_URL (an admin URL; default: an embedded PostgreSQL in a temp dir).
The fan-out alone, with answer-time cycles: npm run bench:fanout.`;

export function parseOptions(argv: string[]): SystemOptions | 'help' {
  const options = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] ?? '';
    if (flag === '--help' || flag === '-h') return 'help';
    const [name = '', inline] = flag.split('=', 2);
    const text = inline ?? argv[++index];
    const value = Number(text);
    const integer = (min: number) => {
      if (!Number.isInteger(value) || value < min) {
        throw new UsageError(`${name} needs an integer ≥ ${min}, got ${text ?? 'nothing'}\n${USAGE}`);
      }
      return value;
    };
    if (name === '--patients') options.patients = integer(1);
    else if (name === '--sockets') options.sockets = integer(0);
    else if (name === '--sample') options.sample = integer(1);
    else if (name === '--wait-idle') options.waitIdle = integer(0);
    else if (name === '--only') {
      if (value !== 1 && value !== 2) throw new UsageError(`--only needs 1 or 2, got ${text ?? 'nothing'}`);
      options.processes = [value];
    } else throw new UsageError(`unknown flag ${flag}\n${USAGE}`);
  }
  if (options.sockets > options.patients) {
    throw new UsageError(`--sockets (${options.sockets}) cannot exceed --patients (${options.patients})`);
  }
  return options;
}

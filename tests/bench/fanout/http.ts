/**
 * The nurse's side of the benchmark: sign in, open and close OPD, call patients, timing each answer on
 * the client.
 */
export interface QueueAnswer {
  message: string;
  notificationStats: { totalPatientsNotified: number; notificationFailures: number };
}

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function signIn(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  return (await json<{ token: string }>(response, 'login')).token;
}

/** One POST /api/queues/OPD/open|close; `ms` runs from sending the request to the whole body read. */
export async function changeQueue(
  url: string,
  token: string,
  action: 'open' | 'close',
): Promise<{ ms: number; answer: QueueAnswer }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/queues/OPD/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const answer = await json<QueueAnswer>(response, `${action} OPD`);
  return { ms: performance.now() - started, answer };
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Epoch milliseconds with a fraction: the clock the receiver's push times are read on (ReceivedPush). */
export const preciseNow = () => performance.timeOrigin + performance.now();

/** One POST /api/queues/:department/call-next as the nurse's console makes it, timed on preciseNow(). */
export interface CallAnswer {
  sentAtMs: number;
  answeredAtMs: number;
  /** The called ticket's id, or null when the call failed (then `error` says why). */
  ticketId: number | null;
  error: string | null;
}

/** Never rejects: a call fired on a timer has no one to catch it; a failure is in the answer. */
export async function callNext(
  url: string,
  token: string,
  call: { department: string; room: string },
): Promise<CallAnswer> {
  const sentAtMs = preciseNow();
  try {
    const response = await fetch(`${url}/api/queues/${call.department}/call-next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ room: call.room }),
    });
    const { ticket } = await json<{ ticket: { id: number } }>(response, `call-next ${call.department}`);
    return { sentAtMs, answeredAtMs: preciseNow(), ticketId: ticket.id, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { sentAtMs, answeredAtMs: preciseNow(), ticketId: null, error: message };
  }
}

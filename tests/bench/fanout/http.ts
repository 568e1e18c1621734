/** The nurse's side of the benchmark: sign in, open and close OPD, timing each answer on the client. */
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

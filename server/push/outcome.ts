import { parseRetryAfter } from '../util/retry-after';

/**
 * What one web push send came to, from the delivery worker's point of view:
 * - accepted: the push service took it (2xx): the notification is `sent`.
 * - gone: the subscription no longer exists (404/410): delete it.
 * - retry: worth sending again later (429, 5xx, 408, network error, timeout), not sooner than retryAfterMs.
 * - rejected: will never succeed as sent (other 4xx, or a payload/subscription that cannot be encrypted,
 *   which has no status): give up on this subscription for this notification.
 */
export type PushOutcome =
  | { kind: 'accepted'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'retry'; status?: number; retryAfterMs?: number; error?: string }
  | { kind: 'rejected'; status?: number; error: string };

export function outcomeForStatus(
  status: number,
  retryAfter: string | undefined,
  body: string,
  nowMs: number,
): PushOutcome {
  if (status >= 200 && status < 300) return { kind: 'accepted', status };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return retryAfterMs === undefined ? { kind: 'retry', status } : { kind: 'retry', status, retryAfterMs };
  }
  const detail = body.trim().slice(0, 200);
  return { kind: 'rejected', status, error: `push service answered ${status}${detail ? `: ${detail}` : ''}` };
}

import { Agent, request } from 'undici';
import { parseRetryAfter } from '../util/retry-after';
import { guardedLookup } from './url-guard';

/** What one delivery attempt came to. */
export type PostOutcome =
  | { kind: 'delivered'; statusCode: number }
  /** 429, 5xx, a time-out or a network error: try again, not before `retryAfterMs` when given. */
  | { kind: 'retry'; statusCode: number | null; error: string; retryAfterMs?: number }
  /** Any other answer (3xx, 4xx), or an address the SSRF rule refuses: no retry will help. */
  | { kind: 'failed'; statusCode: number | null; error: string };

export interface WebhookPoster {
  post(url: string, headers: Record<string, string>, body: string, trusted: boolean): Promise<PostOutcome>;
  close(): Promise<void>;
}

/**
 * POSTs over kept-alive connections; `timeoutMs` bounds the whole exchange. Connections to URLs outside
 * WEBHOOK_ALLOWED_ORIGINS resolve through `guardedLookup`; redirects are not followed (a 3xx fails).
 */
export function createWebhookPoster(timeoutMs: number, now: () => number = Date.now): WebhookPoster {
  const guarded = new Agent({ connect: { lookup: guardedLookup } });
  const trustedAgent = new Agent();
  return {
    async post(url, headers, body, trusted) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const dispatcher = trusted ? trustedAgent : guarded;
        const response = await request(url, { method: 'POST', headers, body, dispatcher, signal });
        await response.body.dump();
        const retryAfter = response.headers['retry-after'];
        return outcomeOf(response.statusCode, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, now());
      } catch (error) {
        if (signal.aborted)
          return { kind: 'retry', statusCode: null, error: `timed out after ${timeoutMs} ms` };
        const code = errorCode(error);
        if (code === 'EADDRBLOCKED') {
          return { kind: 'failed', statusCode: null, error: 'the host resolves to a private address' };
        }
        return { kind: 'retry', statusCode: null, error: code ? `network error (${code})` : 'network error' };
      }
    },
    async close() {
      await Promise.all([guarded.close(), trustedAgent.close()]);
    },
  };
}

function outcomeOf(status: number, retryAfter: string | undefined, nowMs: number): PostOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', statusCode: status };
  const error = `HTTP ${status}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
    return retryAfterMs === undefined
      ? { kind: 'retry', statusCode: status, error }
      : { kind: 'retry', statusCode: status, error, retryAfterMs };
  }
  return { kind: 'failed', statusCode: status, error };
}

/** The error's code only (`ECONNREFUSED`): its message may hold the URL. Undici wraps the socket's. */
function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    if ('code' in current && typeof current.code === 'string' && current.code !== 'UND_ERR_CONNECT') {
      return current.code;
    }
    current = current.cause;
  }
  return undefined;
}

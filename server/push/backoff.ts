/** Sends per notification and subscription, the first one included, before the push channel gives up. */
export const MAX_PUSH_ATTEMPTS = 6;

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;
// A push service's Retry-After is honoured up to this: a queue notification is stale after an hour anyway,
// and an absurd value must not park a row for days.
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Delay before the next send after `attempt` (1-based) failed: exponential with full jitter, so that a
 * push service recovering from an outage is not hit by every retry at once; never sooner than the
 * service's Retry-After.
 */
export function nextAttemptDelayMs(
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const window = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** exponent);
  const jittered = Math.floor(random() * window);
  const floor =
    retryAfterMs !== undefined && retryAfterMs > 0 ? Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) : 0;
  return Math.max(jittered, Math.ceil(floor));
}

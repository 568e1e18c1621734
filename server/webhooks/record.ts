import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { recordAdminLog } from '../staff/admin-log';
import type { ClaimedDelivery } from './claim';
import type { PostOutcome } from './post';

/** A webhook every attempt of which has failed for this long is turned off. */
export const DEACTIVATE_AFTER_MS = 3 * 24 * 3600_000;

export interface RetryPolicy {
  /** The first retry's delay; each next one doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 3600_000 };

/** When to try again after `attempts` tries: backoff, and never before the receiver's Retry-After. */
export function nextAttemptAt(
  now: Date,
  attempts: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
): Date {
  const backoff = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  return new Date(now.getTime() + Math.max(backoff, retryAfterMs ?? 0));
}

/**
 * Writes one attempt's outcome and releases the lease: delivered; pending again at its next time; or
 * failed (a permanent answer, or the next try would fall past its 24 hours). A failure starts (or
 * continues) the webhook's failing streak; a delivery ends it. Answers whether this attempt turned the
 * webhook off.
 */
export async function recordAttempt(
  sequelize: Sequelize,
  delivery: ClaimedDelivery,
  outcome: PostOutcome,
  context: { now: Date; policy: RetryPolicy },
): Promise<{ deactivated: boolean }> {
  const { now } = context;
  const next =
    outcome.kind === 'retry'
      ? nextAttemptAt(now, delivery.attempts, context.policy, outcome.retryAfterMs)
      : undefined;
  const status =
    outcome.kind === 'delivered'
      ? 'delivered'
      : next && next.getTime() <= new Date(delivery.give_up_at).getTime()
        ? 'pending'
        : 'failed';
  return sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `UPDATE webhook_deliveries SET status = :status, lease_until = NULL, last_status_code = :code,
              last_error = :error, next_attempt_at = coalesce(:next, next_attempt_at),
              delivered_at = CASE WHEN :status = 'delivered' THEN :now::timestamptz END
        WHERE id = :id`,
      {
        replacements: {
          id: delivery.id,
          status,
          code: outcome.statusCode,
          error: outcome.kind === 'delivered' ? null : outcome.error,
          next: status === 'pending' && next ? next.toISOString() : null,
          now: now.toISOString(),
        },
        transaction,
      },
    );
    if (outcome.kind === 'delivered') {
      await sequelize.query(`UPDATE webhooks SET failing_since = NULL WHERE id = :id`, {
        replacements: { id: delivery.webhook_id },
        transaction,
      });
      return { deactivated: false };
    }
    const [streak] = await sequelize.query<{ failing_since: Date; active: boolean }>(
      `UPDATE webhooks SET failing_since = coalesce(failing_since, :now) WHERE id = :id
       RETURNING failing_since, active`,
      {
        replacements: { id: delivery.webhook_id, now: now.toISOString() },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    if (!streak?.active) return { deactivated: false };
    const failingFor = now.getTime() - new Date(streak.failing_since).getTime();
    if (failingFor < DEACTIVATE_AFTER_MS) return { deactivated: false };
    await sequelize.query(
      `UPDATE webhooks SET active = false WHERE id = :id;
       UPDATE webhook_deliveries SET status = 'failed', lease_until = NULL
        WHERE webhook_id = :id AND status = 'pending';`,
      { replacements: { id: delivery.webhook_id }, transaction },
    );
    await recordAdminLog(sequelize, transaction, {
      actorId: null,
      action: 'webhook.deactivated',
      target: webhookTarget(delivery.webhook_id),
      before: { active: true },
      after: { active: false },
      extra: {
        reason: 'every delivery failed for 3 days',
        failingSince: new Date(streak.failing_since).toISOString(),
        lastError: outcome.error,
      },
    });
    return { deactivated: true };
  });
}

export const webhookTarget = (id: number) => `webhook:${id}`;

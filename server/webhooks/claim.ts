import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { WebhookEventType } from '../../shared/webhooks';

/** A delivery this process holds the lease of, with its webhook and event. */
export interface ClaimedDelivery {
  id: number;
  attempts: number;
  give_up_at: Date;
  webhook_id: number;
  url: string;
  secret: string;
  event_id: number;
  type: WebhookEventType;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * Claims due deliveries of active webhooks (SKIP LOCKED, leased, an attempt counted): several processes
 * share the table without sending one twice, and a crashed process's lease runs out for another to take.
 * Times are the server clock's (`now`), so tests that move the clock move the schedule with it.
 */
export async function claimDeliveries(
  sequelize: Sequelize,
  claim: { batch: number; leaseSeconds: number; now: Date },
): Promise<ClaimedDelivery[]> {
  return sequelize.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until < :now)
          AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.active)
        ORDER BY d.next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE webhook_deliveries d
          SET lease_until = :now::timestamptz + make_interval(secs => :lease), attempts = d.attempts + 1
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.attempts, d.give_up_at, d.webhook_id, d.event_id)
     SELECT c.id, c.attempts, c.give_up_at, c.webhook_id, w.url, w.secret, c.event_id, e.type, e.data, e.occurred_at
       FROM claimed c JOIN webhooks w ON w.id = c.webhook_id JOIN webhook_events e ON e.id = c.event_id`,
    {
      replacements: { batch: claim.batch, lease: claim.leaseSeconds, now: claim.now.toISOString() },
      type: QueryTypes.SELECT,
    },
  );
}

/** Milliseconds until the next pending delivery falls due (or a lease runs out); undefined: none. */
export async function nextDueInMs(sequelize: Sequelize, now: Date): Promise<number | undefined> {
  const [row] = await sequelize.query<{ ms: number | null }>(
    `SELECT (extract(epoch FROM min(greatest(d.next_attempt_at, coalesce(d.lease_until, d.next_attempt_at)))
              - :now::timestamptz) * 1000)::int AS ms
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.status = 'pending' AND w.active`,
    { replacements: { now: now.toISOString() }, type: QueryTypes.SELECT },
  );
  return row?.ms ?? undefined;
}

import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { FollowUpChannelName } from '../../channels/types';
import { callOf } from './unreached';
import type { UnreachedCall } from './unreached';

/** What one email or SMS came to, as its row records it. */
export interface FollowUpResult {
  id: number;
  channel: FollowUpChannelName;
  /** `skip`: a client confirmed the notification before it went out; the row is dropped. */
  status: 'pending' | 'sent' | 'failed' | 'skip';
  retryInMs: number;
  error: string | null;
  /** A failed time-critical SMS tries email next, when the patient allows it. */
  fallback: FollowUpChannelName | null;
  /** A time-critical notification: staff hear of it when this was the last channel and it failed. */
  timeCritical: boolean;
}

interface RecordedRow {
  id: number;
  type: string;
  department: string | null;
  data: Record<string, unknown>;
  unreached: boolean;
}

/**
 * Records outcomes in one statement: each row's status, the notification's `delivery_status` (`sent`
 * once any channel accepted it, `failed` once the last one gave up without a taker), and fallbacks.
 * Answers the calls that are now unreached, and every call whose channels changed.
 */
export async function recordFollowUps(
  sequelize: Sequelize,
  results: FollowUpResult[],
): Promise<{ unreached: UnreachedCall[]; calls: UnreachedCall[] }> {
  const rows = await sequelize.query<RecordedRow>(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset(:results::jsonb)
         AS r(id bigint, channel text, status text, retry_in_ms bigint, error text, fallback text, time_critical boolean)),
     dropped AS (
       DELETE FROM notification_channels c USING r
        WHERE r.status = 'skip' AND c.notification_id = r.id AND c.channel = r.channel),
     fallbacks AS (
       INSERT INTO notification_channels (notification_id, channel)
       SELECT r.id, r.fallback FROM r WHERE r.status = 'failed' AND r.fallback IS NOT NULL
       ON CONFLICT DO NOTHING),
     updated AS (
       UPDATE notification_channels c SET
          status = r.status, lease_until = NULL,
          next_attempt_at = now() + make_interval(secs => r.retry_in_ms / 1000.0),
          last_error = COALESCE(r.error, c.last_error),
          done_at = CASE WHEN r.status = 'pending' THEN NULL ELSE now() END
         FROM r WHERE r.status <> 'skip' AND c.notification_id = r.id AND c.channel = r.channel
       RETURNING c.notification_id)
     UPDATE notifications n SET
        delivery_status = CASE
          WHEN r.status = 'sent' AND n.delivery_status IN ('pending', 'failed') THEN 'sent'
          WHEN r.status = 'failed' AND r.fallback IS NULL AND n.delivery_status = 'pending' THEN 'failed'
          ELSE n.delivery_status END,
        sent_at = CASE WHEN r.status = 'sent' THEN COALESCE(n.sent_at, now()) ELSE n.sent_at END
       FROM r
      WHERE n.id = r.id AND r.id IN (SELECT notification_id FROM updated)
     RETURNING n.id, n.type, (SELECT code FROM departments WHERE id = n.department_id) AS department, n.data,
               (r.status = 'failed' AND r.fallback IS NULL AND r.time_critical AND n.delivery_status <> 'delivered') AS unreached`,
    {
      replacements: {
        results: JSON.stringify(
          results.map((result) => ({
            id: result.id,
            channel: result.channel,
            status: result.status,
            retry_in_ms: result.retryInMs,
            error: result.error,
            fallback: result.fallback,
            time_critical: result.timeCritical,
          })),
        ),
      },
      type: QueryTypes.SELECT,
    },
  );
  return {
    unreached: rows.filter((row) => row.unreached).flatMap((row) => callOf(row) ?? []),
    calls: rows.flatMap((row) => callOf(row) ?? []),
  };
}

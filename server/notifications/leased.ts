import { notificationColumns } from './presenter';
import type { NotificationRow } from './presenter';

/** A notification this process holds the lease of, with what delivering it needs. */
export interface LeasedRow extends NotificationRow {
  user_id: number;
  /** Subscription ids that accepted this push: a bigint[] column, which pg hands over as strings. */
  push_sent_to: string[];
  push_enabled: boolean;
  /** The owner's locale: it chose the language of the row's words. */
  locale: string;
  email_enabled: boolean;
  /** Whether the notification will escalate if no client confirms it in time. */
  escalates: boolean;
}

/**
 * The SELECT of LeasedRows from a CTE of claimed notification rows (an UPDATE … RETURNING *): the claim in
 * time order and the claim by id hand delivery the same shape.
 */
export function selectLeased(cte: string): string {
  // A row being pushed has no email or SMS record yet: a follow-up is queued only once push settles.
  return `SELECT ${notificationColumns(`'[]'::json`).replaceAll('n.', 'c.')}, c.user_id, c.push_sent_to,
                 u.push_enabled, u.locale, u.email_enabled, c.escalate_at IS NOT NULL AS escalates
            FROM ${cte} c JOIN users u ON u.id = c.user_id LEFT JOIN departments d ON d.id = c.department_id`;
}

/** The subscriptions a leased notification's push already reached, as numbers. */
export function pushSentTo(row: Pick<LeasedRow, 'push_sent_to'>): Set<number> {
  return new Set(row.push_sent_to.map(Number));
}

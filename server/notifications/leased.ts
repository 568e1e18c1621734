import { NOTIFICATION_COLUMNS } from './presenter';
import type { NotificationRow } from './presenter';

/** A notification this process holds the lease of, with what delivering it needs. */
export interface LeasedRow extends NotificationRow {
  user_id: number;
  push_attempts: number;
  /** Subscription ids that accepted this push: a bigint[] column, which pg hands over as strings. */
  push_sent_to: string[];
  push_enabled: boolean;
  /** The owner's locale: it chose the language of the row's words. */
  locale: string;
}

/**
 * The SELECT of LeasedRows from a CTE of claimed notification rows (an UPDATE … RETURNING *): the claim in
 * time order and the claim by id hand delivery the same shape.
 */
export function selectLeased(cte: string): string {
  return `SELECT ${NOTIFICATION_COLUMNS.replaceAll('n.', 'c.')}, c.user_id, c.push_attempts, c.push_sent_to,
                 u.push_enabled, u.locale
            FROM ${cte} c JOIN users u ON u.id = c.user_id LEFT JOIN departments d ON d.id = c.department_id`;
}

/** The subscriptions a leased notification's push already reached, as numbers. */
export function pushSentTo(row: Pick<LeasedRow, 'push_sent_to'>): Set<number> {
  return new Set(row.push_sent_to.map(Number));
}

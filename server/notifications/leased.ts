import { NOTIFICATION_COLUMNS } from './presenter';
import type { NotificationRow } from './presenter';

/** A notification this process holds the lease of, with what delivering it needs. */
export interface LeasedRow extends NotificationRow {
  user_id: number;
  push_attempts: number;
  push_sent_to: number[];
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

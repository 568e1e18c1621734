import { TIME_CRITICAL_TYPES } from '../../shared/notifications';

/**
 * SQL for a new notification's escalation time: for a time-critical type, now plus its department's
 * `escalate_after_seconds`; null for the others, which never escalate.
 */
export function escalateAtSql(typeSql: string, departmentIdSql: string): string {
  const types = TIME_CRITICAL_TYPES.map((type) => `'${type}'`).join(', ');
  return `CASE WHEN ${typeSql}::text IN (${types})
            THEN now() + make_interval(secs => (SELECT escalate_after_seconds FROM departments WHERE id = ${departmentIdSql}))
          END`;
}

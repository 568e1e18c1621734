/**
 * Who a fan-out reaches, as a WHERE clause over `users u`. Set-based, so recording 100,000
 * notifications is a few INSERT … SELECT statements, never a loop in Node. `since`, `department` (its
 * code) and `departmentId` are SQL expressions chosen by the caller (never client input): the transaction's own now() and a bind
 * parameter when counting, the fan-out row's columns when expanding.
 */
export const AUDIENCES = {
  /** Patients whose preferences include the department (NULL = every department). */
  department_followers: (since: string, department: string, _departmentId: string) => `u.role = 'patient'
      AND (u.notify_departments IS NULL OR ${department} = ANY (u.notify_departments))
      AND u.created_at <= ${since}`,
  /** Patients still waiting in the department's queue (called ones are already on their way). */
  waiting_patients: (_since: string, _department: string, departmentId: string) => `u.role = 'patient'
      AND EXISTS (SELECT 1 FROM tickets t WHERE t.user_id = u.id AND t.department_id = ${departmentId}
                  AND t.status = 'waiting')`,
} as const;

export type Audience = keyof typeof AUDIENCES;

export function isAudience(value: string): value is Audience {
  return value in AUDIENCES;
}

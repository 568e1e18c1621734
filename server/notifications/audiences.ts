/**
 * Who a fan-out reaches, as a WHERE clause over `users u`. Set-based, so recording 100,000
 * notifications is a few INSERT … SELECT statements, never a loop in Node. `since` and `department`
 * are SQL expressions chosen by the caller (never client input): the transaction's own now() and a bind
 * parameter when counting, the fan-out row's columns when expanding.
 */
export const AUDIENCES = {
  /** Patients whose preferences include the department (NULL = every department). */
  department_followers: (since: string, department: string) => `u.role = 'patient'
      AND (u.notify_departments IS NULL OR ${department} = ANY (u.notify_departments))
      AND u.created_at <= ${since}`,
  /** Patients still waiting in the department's queue; tickets arrive with the tickets feature. */
  waiting_patients: (_since: string, _department: string) => `false`,
} as const;

export type Audience = keyof typeof AUDIENCES;

export function isAudience(value: string): value is Audience {
  return value in AUDIENCES;
}

import { DatabaseError } from 'sequelize';

/** The check of migration 0009: SMS only with a phone. */
export const SMS_NEEDS_PHONE = 'users_sms_needs_phone';

/** True when a write broke this named check constraint (PostgreSQL's check_violation, 23514). */
export function violatesCheck(error: unknown, constraint: string): boolean {
  if (!(error instanceof DatabaseError)) return false;
  const original = error.original as { code?: string; constraint?: string };
  return original.code === '23514' && original.constraint === constraint;
}

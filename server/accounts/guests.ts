import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';

/** Guest sign-ups allowed from one address in GUEST_WINDOW_MINUTES (a kiosk's QR on a busy morning). */
export const GUEST_LIMIT_PER_IP = 30;
export const GUEST_WINDOW_MINUTES = 60;
/** A guest whose token was last used this long ago, and who holds no active ticket, is removed. */
export const GUEST_UNUSED_DAYS = 7;

/**
 * Seconds until another guest may be made from this address (0: now), counted in the database so the
 * limit holds across processes. Only guests made count, so a bad request costs nothing.
 */
export async function guestRetryAfterSeconds(sequelize: Sequelize, ip: string): Promise<number> {
  const [row] = await sequelize.query<{ made: number; oldest: Date | null }>(
    `SELECT count(*)::int AS made, min(created_at) AS oldest FROM guest_signups
      WHERE ip = :ip AND created_at > now() - make_interval(mins => :window)`,
    { replacements: { ip, window: GUEST_WINDOW_MINUTES }, type: QueryTypes.SELECT },
  );
  if (!row || row.made < GUEST_LIMIT_PER_IP || !row.oldest) return 0;
  const freesAt = new Date(row.oldest).getTime() + GUEST_WINDOW_MINUTES * 60_000;
  return Math.max(1, Math.ceil((freesAt - Date.now()) / 1000));
}

/** Counts one guest made from this address, and forgets addresses older than the window. */
export async function recordGuestSignup(sequelize: Sequelize, ip: string): Promise<void> {
  await sequelize.query(
    `DELETE FROM guest_signups WHERE created_at <= now() - make_interval(mins => :window);
     INSERT INTO guest_signups (ip) VALUES (:ip)`,
    { replacements: { ip, window: GUEST_WINDOW_MINUTES } },
  );
}

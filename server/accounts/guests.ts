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

/**
 * Removes the guests unused for GUEST_UNUSED_DAYS: no session of theirs used since (or none at all, and
 * the account that old), and no ticket still waiting, called or being served. Their tickets, bookings,
 * notifications, subscriptions and sessions go with them (the foreign keys cascade). Answers how many;
 * with `dryRun`, only counts. The nightly retention job calls this as one of its steps.
 */
export async function removeUnusedGuests(
  sequelize: Sequelize,
  options: { now?: Date; dryRun?: boolean } = {},
): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - GUEST_UNUSED_DAYS * 86_400_000);
  const unused = `SELECT u.id FROM users u
     WHERE u.guest AND u.created_at <= :cutoff
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id AND s.last_used_at > :cutoff)
       AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.user_id = u.id
                        AND t.status IN ('waiting', 'called', 'serving'))`;
  const sql = options.dryRun
    ? `SELECT count(*)::int AS n FROM (${unused}) g`
    : `WITH gone AS (DELETE FROM users WHERE id IN (${unused}) RETURNING id) SELECT count(*)::int AS n FROM gone`;
  const [row] = await sequelize.query<{ n: number }>(sql, {
    replacements: { cutoff },
    type: QueryTypes.SELECT,
  });
  return row?.n ?? 0;
}

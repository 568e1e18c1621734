import { hashPassword } from '../../../server/accounts/passwords';
import { deterministicSubscription } from '../../support/push-receiver';
import { TIMED_ENDPOINT_PREFIX } from './children';
import type { BenchDatabase } from './database';

/** The department the nurse calls patients from: not OPD, whose opening is the load. */
export const CALL_DEPARTMENT = 'LAB';

/**
 * `count` more patients waiting in CALL_DEPARTMENT's open queue, each with a push subscription at the
 * receiver on a timed endpoint. They follow only that department, so the OPD opening's audience stays
 * the benchmark's patients, and their own pushes are the only ones the receiver decrypts. Set-based SQL
 * shaped like joinQueue's rows (counter, ticket, `joined` event); the first `alert_position` tickets are
 * flagged as told "almost your turn" already, as their joins would have done, so each call tells one
 * patient more, as in a steady queue. Opening the queue by SQL starts no fan-out of its own. Answers the
 * patients' user ids, in joining order.
 */
export async function seedCallers(
  db: BenchDatabase,
  opts: { count: number; receiverOrigin: string; seed: string },
): Promise<number[]> {
  const passwordHash = await hashPassword('bench caller password');
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO users (email, password_hash, name, role, notify_departments)
     SELECT 'caller' || g || '@bench.invalid', $1, 'Caller ' || g, 'patient', ARRAY[$2]
       FROM generate_series(1, $3::int) g ORDER BY g RETURNING id`,
    [passwordHash, CALL_DEPARTMENT, opts.count],
  );
  const ids = rows.map((row) => Number(row.id));
  const subscriptions = ids.map((id) =>
    deterministicSubscription({
      origin: opts.receiverOrigin,
      seed: opts.seed,
      id: `${TIMED_ENDPOINT_PREFIX}${id}`,
    }),
  );
  await db.pool.query(
    `INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])`,
    [
      ids,
      subscriptions.map((s) => s.endpoint),
      subscriptions.map((s) => s.keys.p256dh),
      subscriptions.map((s) => s.keys.auth),
    ],
  );
  await db.pool.query(QUEUE_SQL, [CALL_DEPARTMENT, ids]);
  return ids;
}

/** $1 the department's code, $2 the patients in joining order: the open queue, the tickets, their events. */
const QUEUE_SQL = `
  WITH d AS (SELECT id, alert_position FROM departments WHERE code = $1),
  joined AS (SELECT user_id, seq::int AS seq FROM unnest($2::bigint[]) WITH ORDINALITY AS p(user_id, seq)),
  opened AS (
    UPDATE queues q SET is_open = true, manual_override = false, opened_at = now(), updated_at = now()
      FROM d WHERE q.department_id = d.id),
  counter AS (
    INSERT INTO ticket_counters (department_id, service_date, last_seq)
    SELECT d.id, current_date, cardinality($2::bigint[]) FROM d),
  tickets AS (
    INSERT INTO tickets (department_id, user_id, service_date, seq, number, joined_at, almost_notified)
    SELECT d.id, j.user_id, current_date, j.seq, $1 || '-' || lpad(j.seq::text, 3, '0'),
           -- A second apart, in joining order, the last one just now.
           now() - make_interval(secs => cardinality($2::bigint[]) - j.seq), j.seq <= d.alert_position
      FROM joined j CROSS JOIN d
    RETURNING id, user_id, joined_at)
  INSERT INTO ticket_events (ticket_id, kind, actor_id, at)
  SELECT id, 'joined', user_id, joined_at FROM tickets`;

import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { AUDIENCES, isAudience } from './audiences';
import { localizedSql } from './content';

export const EXPAND_BATCH = 5_000;

interface FanoutRow {
  id: number;
  audience: string;
  cursor: number;
}

/**
 * Expands one batch of one pending fan-out into notification rows, in one short transaction. The fan-out
 * row is locked with SKIP LOCKED, so several workers expand different fan-outs (or take turns on one), and
 * ON CONFLICT on (user_id, event_key) makes a repeated batch after a crash harmless.
 * Returns the number of recipients covered, or 0 when there is nothing left to expand.
 */
export async function expandNextBatch(sequelize: Sequelize, batch = EXPAND_BATCH): Promise<number> {
  return sequelize.transaction(async (transaction) => {
    const [fanout] = await sequelize.query<FanoutRow>(
      `SELECT id, audience, cursor FROM fanouts WHERE NOT done ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      { type: QueryTypes.SELECT, transaction },
    );
    if (!fanout) return 0;
    if (!isAudience(fanout.audience)) {
      await sequelize.query(`UPDATE fanouts SET done = true WHERE id = :id`, {
        replacements: { id: fanout.id },
        transaction,
      });
      return 0;
    }
    const where = AUDIENCES[fanout.audience]('f.created_at', 'd.code', 'f.department_id');
    const [progress] = await sequelize.query<{ covered: number; last: number | null }>(
      `WITH f AS (SELECT * FROM fanouts WHERE id = :id),
            d AS (SELECT departments.* FROM departments, f WHERE departments.id = f.department_id),
            batch AS (
              SELECT u.id, u.locale FROM users u, f LEFT JOIN d ON true
               WHERE u.id > :cursor AND ${where}
               ORDER BY u.id LIMIT :batch),
            inserted AS (
              INSERT INTO notifications (user_id, department_id, type, event_key, title, body, data)
              SELECT u.id, f.department_id, f.type, f.event_key,
                     ${localizedSql('f.texts', 'title', 'f.title')}, ${localizedSql('f.texts', 'body', 'f.body')}, f.data
                FROM batch u, f
              ON CONFLICT (user_id, event_key) DO NOTHING
              RETURNING 1)
       SELECT count(*)::int AS covered, max(batch.id) AS last FROM batch`,
      { replacements: { id: fanout.id, cursor: fanout.cursor, batch }, type: QueryTypes.SELECT, transaction },
    );
    const covered = progress?.covered ?? 0;
    await sequelize.query(`UPDATE fanouts SET cursor = :last, done = :done WHERE id = :id`, {
      replacements: { id: fanout.id, last: progress?.last ?? fanout.cursor, done: covered < batch },
      transaction,
    });
    return Math.max(covered, 1);
  });
}

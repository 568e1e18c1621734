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

export type Expansion =
  /** One batch recorded; `ids` are the rows it added (not those a crashed run had recorded already). */
  | { kind: 'expanded'; covered: number; ids: number[] }
  /** Every pending fan-out is being expanded by another worker right now. */
  | { kind: 'busy' }
  | { kind: 'done' };

export interface ExpandOptions {
  batch?: number;
  /**
   * Wait for a fan-out another worker is expanding, instead of skipping it: after a 'busy', so that
   * processes take turns batch by batch and each sends its share.
   */
  wait?: boolean;
}

// Another worker holds a fan-out for one batch's insert; far longer means it is stuck: try again later.
const WAIT_FOR_FANOUT = '5s';
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Expands one batch of one pending fan-out into notification rows, in one short transaction. The fan-out
 * row is locked with SKIP LOCKED, so several workers expand different fan-outs (or take turns on one), and
 * ON CONFLICT on (user_id, event_key) makes a repeated batch after a crash harmless.
 * The new rows' ids go to the caller's delivery, which claims them by id (see handoff.ts).
 */
export async function expandNextBatch(sequelize: Sequelize, options: ExpandOptions = {}): Promise<Expansion> {
  try {
    return await expandInTransaction(sequelize, options);
  } catch (error) {
    if (lockTimedOut(error)) return { kind: 'busy' };
    throw error;
  }
}

function lockTimedOut(error: unknown): boolean {
  if (!(error instanceof Error) || !('parent' in error)) return false;
  const parent = error.parent;
  return (
    typeof parent === 'object' && parent !== null && 'code' in parent && parent.code === LOCK_NOT_AVAILABLE
  );
}

async function expandInTransaction(sequelize: Sequelize, options: ExpandOptions): Promise<Expansion> {
  const batch = options.batch ?? EXPAND_BATCH;
  return sequelize.transaction(async (transaction): Promise<Expansion> => {
    if (options.wait) {
      await sequelize.query(`SET LOCAL lock_timeout = '${WAIT_FOR_FANOUT}'`, { transaction });
    }
    const [fanout] = await sequelize.query<FanoutRow>(
      `SELECT id, audience, cursor FROM fanouts WHERE NOT done ORDER BY id LIMIT 1
         FOR UPDATE${options.wait ? '' : ' SKIP LOCKED'}`,
      { type: QueryTypes.SELECT, transaction },
    );
    if (!fanout) {
      const [pending] = await sequelize.query<{ any: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM fanouts WHERE NOT done) AS any`,
        { type: QueryTypes.SELECT, transaction },
      );
      return pending?.any ? { kind: 'busy' } : { kind: 'done' };
    }
    if (!isAudience(fanout.audience)) {
      await sequelize.query(`UPDATE fanouts SET done = true WHERE id = :id`, {
        replacements: { id: fanout.id },
        transaction,
      });
      return { kind: 'expanded', covered: 0, ids: [] };
    }
    const where = AUDIENCES[fanout.audience]('f.created_at', 'd.code', 'f.department_id');
    const [progress] = await sequelize.query<{ covered: number; last: number | null; ids: string[] | null }>(
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
              RETURNING id)
       SELECT count(*)::int AS covered, max(batch.id) AS last, (SELECT array_agg(id) FROM inserted) AS ids
         FROM batch`,
      { replacements: { id: fanout.id, cursor: fanout.cursor, batch }, type: QueryTypes.SELECT, transaction },
    );
    const covered = progress?.covered ?? 0;
    await sequelize.query(`UPDATE fanouts SET cursor = :last, done = :done WHERE id = :id`, {
      replacements: { id: fanout.id, last: progress?.last ?? fanout.cursor, done: covered < batch },
      transaction,
    });
    return { kind: 'expanded', covered, ids: (progress?.ids ?? []).map(Number) };
  });
}

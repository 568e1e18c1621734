import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';

/** Rows deleted per statement: short transactions, no long locks on the outbox. */
export const PRUNE_BATCH = 5000;

export interface PruneAge {
  days: number;
  hours: number;
  mins: number;
}

export interface PrunePlan {
  /** Notifications created before this are deleted. */
  cutoff: Date;
  total: number;
  /** Of those, how many still wait for push delivery. */
  undelivered: number;
}

/**
 * What a prune of notifications older than `age` would delete. The cut-off is fixed once, by the
 * database clock that wrote created_at, to whole seconds so that it survives the round trip through a
 * JS Date unchanged.
 */
export async function planPrune(sequelize: Sequelize, age: PruneAge): Promise<PrunePlan> {
  const [found] = await sequelize.query<{ cutoff: Date; total: number; undelivered: number }>(
    `WITH c AS (SELECT date_trunc('second', now() - make_interval(days => :days, hours => :hours, mins => :mins)) AS cutoff)
     SELECT c.cutoff,
            count(n.id)::int AS total,
            count(n.id) FILTER (WHERE n.push_status = 'pending')::int AS undelivered
       FROM c LEFT JOIN notifications n ON n.created_at < c.cutoff
      GROUP BY c.cutoff`,
    { replacements: { ...age }, type: QueryTypes.SELECT },
  );
  if (!found) throw new Error('the database returned no cut-off');
  return { cutoff: new Date(found.cutoff), total: found.total, undelivered: found.undelivered };
}

/** Deletes one batch of notifications created before `cutoff`; answers how many went (0: none left). */
export async function pruneBatch(sequelize: Sequelize, cutoff: Date, limit = PRUNE_BATCH): Promise<number> {
  const [batch] = await sequelize.query<{ count: number }>(
    `WITH gone AS (
       DELETE FROM notifications
        WHERE id IN (SELECT id FROM notifications WHERE created_at < :cutoff LIMIT :limit)
       RETURNING 1)
     SELECT count(*)::int AS count FROM gone`,
    { replacements: { cutoff, limit }, type: QueryTypes.SELECT },
  );
  return batch?.count ?? 0;
}

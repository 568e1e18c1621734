import pg from 'pg';
import { onCleanup } from './cleanup';
import type { BenchDatabase } from './database';
import { sleep } from './phases';

/** Claim times of notifications (id → epoch ms), as far as watchClaims saw them. */
export type Claims = ReadonlyMap<number, number>;

export interface ClaimWatch {
  claims: Claims;
  stop(): Promise<void>;
}

const LOOK_SQL = `SELECT id, extract(epoch FROM lease_until - make_interval(secs => $2)) * 1000 AS at
    FROM notifications WHERE user_id = ANY($1::bigint[]) AND type = 'ticket_called' AND lease_until IS NOT NULL`;

/**
 * Looks every `everyMs` at the timed patients' ticket_called notifications for a lease: the claim sets
 * lease_until to its now() + the lease, so each one seen gives the claim's exact time, however late it
 * is seen, until the outcome's record clears it (a claim shorter than `everyMs` may go unseen). On a
 * connection of its own that may not scan the table: the statistics taken before the fan-out say it is
 * empty, and 50 sequential scans a second of 100,000 rows would load the database being measured; the
 * patients' notifications index makes each look a fraction of a millisecond.
 */
export async function watchClaims(db: BenchDatabase, userIds: number[], everyMs = 20): Promise<ClaimWatch> {
  // The server's lease (server/config.ts), which the benchmark's server inherits from this environment.
  const leaseSeconds = Number(process.env.DELIVERY_LEASE_SECONDS ?? 60);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  onCleanup('claim watch connection', () => client.end());
  await client.query('SET enable_seqscan = off');
  const claims = new Map<number, number>();
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const { rows } = await client.query<{ id: string; at: string }>(LOOK_SQL, [userIds, leaseSeconds]);
      for (const row of rows) if (!claims.has(Number(row.id))) claims.set(Number(row.id), Number(row.at));
      await sleep(everyMs);
    }
  })();
  // A failed look is thrown by stop(); until then it must not count as unhandled.
  loop.catch(() => undefined);
  return {
    claims,
    async stop() {
      watching = false;
      await loop;
    },
  };
}

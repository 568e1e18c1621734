import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TOKEN_TTL_DAYS } from '../../../shared/constants';
import { hashToken } from '../../../server/accounts/tokens';
import type { BenchDatabase } from '../fanout/database';

export interface SocketPatients {
  /** The patients who hold a socket, spread evenly over all patients (so over every delivery batch). */
  userIds: number[];
  /** A JSON file of their tokens, in the same order, for the socket process (too long for argv). */
  tokensFile: string;
}

/**
 * One signed-in session per socket patient, written with one set-based INSERT: signing 5,000 patients in
 * through the API would hash 5,000 passwords with argon2 (minutes) and measure nothing of interest. The
 * rows are what issueToken writes: the token's SHA-256 (the server's own hashToken) and a TTL expiry.
 */
export async function seedSocketSessions(
  db: BenchDatabase,
  count: number,
  workDir: string,
): Promise<SocketPatients> {
  const { rows } = await db.pool.query<{ id: string }>(
    `SELECT id FROM users WHERE role = 'patient' ORDER BY id`,
  );
  const all = rows.map((row) => Number(row.id));
  const userIds = Array.from(
    { length: count },
    (_, index) => all[Math.floor((index * all.length) / count)] ?? 0,
  );
  const tokens = userIds.map(() => randomBytes(32).toString('base64url'));
  await db.pool.query(
    `INSERT INTO sessions (user_id, token_hash, expires_at)
     SELECT u, h, now() + make_interval(days => $3) FROM unnest($1::bigint[], $2::text[]) AS t(u, h)`,
    [userIds, tokens.map(hashToken), TOKEN_TTL_DAYS],
  );
  const tokensFile = path.join(workDir, 'socket-tokens.json');
  fs.writeFileSync(tokensFile, JSON.stringify(tokens));
  return { userIds, tokensFile };
}

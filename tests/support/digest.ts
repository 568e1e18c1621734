import { QueryTypes } from 'sequelize';
import { MIGRATIONS_TABLE } from '../../server/db/migrate';
import type { TestServer } from './server';

/**
 * Every table a request could change, as one string: equal before and after a request means the
 * request changed nothing. Migrations and failed logins (a refused login is one by design) are left out,
 * and so are a session's sliding expiry and a staff member's "last seen": any request its token
 * authenticates may move them on (at most once a minute), whatever the request then asks for; an API
 * key's "last used" likewise.
 */
const COLUMNS: Record<string, string> = {
  sessions: '(t.id, t.user_id, t.token_hash, t.revoked_at)',
  users: "(to_jsonb(t) - 'last_seen_at')",
  api_keys: "(to_jsonb(t) - 'last_used_at')",
};

export async function databaseDigest(server: TestServer): Promise<string> {
  const { sequelize } = server.ctx;
  const tables = await sequelize.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename NOT IN (:migrations, 'login_failures') ORDER BY 1`,
    { replacements: { migrations: MIGRATIONS_TABLE }, type: QueryTypes.SELECT },
  );
  const parts = await Promise.all(
    tables.map(async ({ name }) => {
      const columns = COLUMNS[name] ?? 't';
      const [row] = await sequelize.query<{ digest: string | null }>(
        `SELECT md5(string_agg(${columns}::text, '|' ORDER BY ${columns}::text)) AS digest FROM "${name}" t`,
        { type: QueryTypes.SELECT },
      );
      return `${name}:${row?.digest ?? ''}`;
    }),
  );
  return parts.join(',');
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../server/db/connection';
import { createTestDatabase } from '../support/db';
import type { TestDatabase } from '../support/db';
import { CLAIM_BY_ID_SQL } from '../../server/notifications/deliver';

// A fan-out as PostgreSQL sees it: statistics taken while nothing was pending, then many pending rows.
const PATIENTS = 20_000;

let db: TestDatabase;
let sequelize: Sequelize;
beforeAll(async () => {
  db = await createTestDatabase();
  sequelize = createSequelize({ url: db.url, poolMax: 2 });
  await sequelize.query(`
    ALTER TABLE notifications SET (autovacuum_enabled = false);
    INSERT INTO users (email, password_hash, name, role)
      SELECT 'p' || g || '@example.org', 'x', 'Patient ' || g, 'patient' FROM generate_series(1, ${PATIENTS}) g;
    ANALYZE;
    INSERT INTO notifications (user_id, type, event_key, title, body)
      SELECT id, 'queue_opened', 'opened:1', 'Queue open', 'You can join' FROM users;`);
});
afterAll(async () => {
  await sequelize.close();
  await db.drop();
});

it('claims a batch by id through the primary key, not by scanning every pending row', async () => {
  const rows = await sequelize.query<{ id: number }>(`SELECT id FROM notifications ORDER BY id LIMIT 166`, {
    type: QueryTypes.SELECT,
  });
  const plan = await sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${CLAIM_BY_ID_SQL}`, {
    replacements: { ids: rows.map((row) => row.id), lease: 60 },
    type: QueryTypes.SELECT,
  });
  const text = plan.map((line) => line['QUERY PLAN']).join('\n');
  expect(text).toContain('notifications_pkey');
  expect(text).not.toContain('notifications_due_idx');
});

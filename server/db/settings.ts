import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';

/**
 * A value generated once and kept in the database (VAPID keys, the receipt secret). When several
 * processes start together, the first insert wins and everyone reads that one.
 */
export async function getOrCreateSetting<T>(sequelize: Sequelize, key: string, create: () => T): Promise<T> {
  await sequelize.query(
    `INSERT INTO settings (key, value) VALUES (:key, :value::jsonb) ON CONFLICT (key) DO NOTHING`,
    {
      replacements: { key, value: JSON.stringify(create()) },
    },
  );
  const [row] = await sequelize.query<{ value: T }>(`SELECT value FROM settings WHERE key = :key`, {
    replacements: { key },
    type: QueryTypes.SELECT,
  });
  if (!row) throw new Error(`setting ${key} could not be read back`);
  return row.value;
}

import { Sequelize } from 'sequelize';
import pg from 'pg';
import { initModels } from './models/index';

// Count columns (bigint) and numeric results come back as strings by default; ours fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
}

export function createSequelize(options: DatabaseOptions): Sequelize {
  const sequelize = new Sequelize(options.url, {
    dialect: 'postgres',
    logging: false,
    pool: { max: options.poolMax ?? 20, min: 0, idle: 10_000, acquire: 30_000 },
    dialectOptions: { application_name: 'queuebell' },
  });
  initModels(sequelize);
  return sequelize;
}

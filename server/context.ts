import type { Sequelize } from 'sequelize';
import type { Config } from './config';
import type { Logger } from './logger';

/** What routes, sockets and workers share: passed explicitly, never imported as globals. */
export interface AppContext {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
}

import type { Sequelize } from 'sequelize';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Receipts } from './notifications/receipts';
import type { OutboxWorker } from './notifications/worker';
import type { VapidConfig } from './push/vapid';
import type { Realtime } from './realtime/io';

/** What routes, sockets and workers share: passed explicitly, never imported as globals. */
export interface AppContext {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  realtime: Realtime;
  outbox: OutboxWorker;
  receipts: Receipts;
  vapid: VapidConfig;
  clock: Clock;
}

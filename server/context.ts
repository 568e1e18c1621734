import type { Sequelize } from 'sequelize';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Receipts } from './notifications/receipts';
import type { OutboxWorker } from './notifications/worker';
import type { VapidConfig } from './push/vapid';
import type { Broadcaster } from './realtime/io';
import type { Scheduler } from './schedules/scheduler';

/** What routes, sockets and workers share: passed explicitly, never imported as globals. */
export interface AppContext {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  realtime: Broadcaster;
  outbox: Pick<OutboxWorker, 'wake'>;
  receipts: Receipts;
  vapid: VapidConfig;
  clock: Clock;
  scheduler: Pick<Scheduler, 'refresh'>;
}

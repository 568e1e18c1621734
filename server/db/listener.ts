import pg from 'pg';
import type { Logger } from '../logger';

export interface Listener {
  close(): Promise<void>;
}

/**
 * LISTENs on a PostgreSQL channel and calls `onNotify` for each NOTIFY, reconnecting with back-off when
 * the connection drops (a database restart, a failover). After a reconnect it calls `onNotify` once too,
 * since notifications sent while it was away are lost.
 */
export async function listen(options: {
  databaseUrl: string;
  channel: string;
  logger: Logger;
  /** The NOTIFY's payload; none after a reconnect. */
  onNotify: (payload?: string) => void;
}): Promise<Listener> {
  const { databaseUrl, channel, logger, onNotify } = options;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => onNotify(message.payload));
    next.on('error', (error) =>
      logger.warn({ err: error, channel }, 'lost the database listener; reconnecting'),
    );
    next.on('end', () => {
      if (closed || client !== next) return;
      client = undefined;
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
    delay = 500;
  }

  function scheduleReconnect(): void {
    clearTimeout(retry);
    retry = setTimeout(() => {
      connect().then(
        () => onNotify(),
        (error: unknown) => {
          logger.warn({ err: error, channel }, 'database listener could not reconnect yet');
          delay = Math.min(delay * 2, 30_000);
          scheduleReconnect();
        },
      );
    }, delay);
    retry.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}

import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger } from '../../server/logger';
import { createTestDatabase } from '../support/db';
import type { TestDatabase } from '../support/db';
import { listen } from '../../server/db/listener';
import type { Listener } from '../../server/db/listener';

let db: TestDatabase;
let listener: Listener | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await listener?.close();
  await db.drop();
});

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(text).finally(() => client.end());
}

it('hears NOTIFY again after its connection is killed', async () => {
  let heard = 0;
  const waiters: Array<() => void> = [];
  const next = () => new Promise<void>((resolve) => waiters.push(resolve));
  listener = await listen({
    databaseUrl: db.url,
    channel: 'test_channel',
    logger: createLogger('silent'),
    onNotify: () => {
      heard += 1;
      waiters.shift()?.();
    },
  });
  const first = next();
  await sql(`NOTIFY test_channel`);
  await first;
  expect(heard).toBe(1);

  // A database restart or failover: the listening backend goes away.
  const reconnected = next();
  await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN test_channel'`);
  await reconnected; // called once on reconnect, since NOTIFYs sent meanwhile are lost
  const again = next();
  await sql(`NOTIFY test_channel`);
  await again;
  expect(heard).toBe(3);
});

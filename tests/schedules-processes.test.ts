import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { AuditEntry } from '../shared/queues';
import type { QueueStatus } from '../shared/schemas';
import type { Clock } from '../server/clock';
import { createSequelize } from '../server/db/connection';
import { SCHEDULES_CHANNEL } from '../server/schedules/store';
import { createTestDatabase } from './support/db';
import type { TestDatabase } from './support/db';
import { spawnTs } from './support/process';
import type { Spawned } from './support/process';
import { api, signedInUser, startTestServerOn } from './support/server';

let db: TestDatabase;
let sequelize: Sequelize;
const children: Spawned[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  sequelize = createSequelize({ url: db.url, poolMax: 2 });
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await sequelize.close();
  await db.drop();
});

const offsetClock = (offsetMs: number): Clock => ({ now: () => new Date(Date.now() + offsetMs) });
const hhmm = (date: Date) => date.toISOString().slice(11, 16);

it('closes at start-up a queue whose end time passed while the server was down', async () => {
  const first = await startTestServerOn(db, { HOSPITAL_TIMEZONE: 'UTC' });
  const nurse = await signedInUser(first, 'nurse');
  const now = new Date();
  // Open from now until 30 minutes from now, every day.
  const end = new Date(now.getTime() + 30 * 60_000);
  await api(first, 'POST', '/api/schedules', {
    token: nurse.token,
    body: {
      department: 'LAB',
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      startTime: '00:00',
      endTime: hhmm(end) === '00:00' ? '00:01' : hhmm(end),
    },
  });
  const opened = await api<{ status: QueueStatus }>(first, 'POST', '/api/queues/LAB/open', {
    token: nurse.token,
  });
  expect(opened.body.status.scheduledCloseAt).not.toBeNull();
  await first.close();

  // The next start is two hours later: the end time has passed.
  const second = await startTestServerOn(
    db,
    { HOSPITAL_TIMEZONE: 'UTC' },
    { clock: offsetClock(2 * 3600_000) },
  );
  try {
    const status = await api<QueueStatus>(second, 'GET', '/api/queues/LAB');
    expect(status.body.isOpen).toBe(false);
    const log = await api<AuditEntry[]>(second, 'GET', '/api/queues/LAB/log?limit=1', { token: nurse.token });
    expect(log.body[0]).toMatchObject({ newStatus: 'closed', reason: 'schedule', changedBy: null });
  } finally {
    await second.close();
  }
});

it('with two server processes on one database, closes once', async () => {
  const env = {
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    HOSPITAL_TIMEZONE: 'UTC',
    CLUSTER: 'true',
  };
  const [a, b] = [spawnTs('server/main.ts', [], env), spawnTs('server/main.ts', [], env)] as [
    Spawned,
    Spawned,
  ];
  children.push(a, b);
  const [, urlA] = await a.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
  await b.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
  const serverA = { url: urlA ?? '' };

  // Models bind to the newest Sequelize instance in this process: rebind them to this test's database.
  await sequelize.close();
  sequelize = createSequelize({ url: db.url, poolMax: 2 });
  const nurse = await signedInUser(serverA, 'nurse');
  await api(serverA, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  const patientUser = await signedInUser(serverA, 'patient');
  await api(serverA, 'POST', '/api/queues/OPD/tickets', { token: patientUser.token });

  // Both processes hold a job for the same instant, two seconds from now.
  await sequelize.query(
    `UPDATE queues SET scheduled_close_at = now() + interval '2 seconds'
      WHERE department_id = (SELECT id FROM departments WHERE code = 'OPD');
     SELECT pg_notify('${SCHEDULES_CHANNEL}', 'OPD')`,
  );
  const outcomes = await Promise.all(
    [a, b].map((child) => child.waitFor(/scheduled close OPD: ([^"]+)"/, 15_000)),
  );
  expect(outcomes.map((match) => match[1]).sort()).toEqual([
    'Queue closed successfully',
    'Queue is already closed',
  ]);

  const [closes] = await sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM queue_events e JOIN departments d ON d.id = e.department_id
      WHERE d.code = 'OPD' AND e.reason = 'schedule'`,
    { type: QueryTypes.SELECT },
  );
  expect(closes?.n).toBe(1);
  const [fanouts] = await sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM fanouts f JOIN departments d ON d.id = f.department_id
      WHERE f.type = 'queue_closed' AND d.code = 'OPD'`,
    {
      type: QueryTypes.SELECT,
    },
  );
  expect(fanouts?.n).toBe(1);
}, 60_000);

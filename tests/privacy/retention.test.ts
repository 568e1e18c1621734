import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { QueryTypes } from 'sequelize';
import type { RetentionFired } from '../../server/privacy/retention-job';
import { createTestDatabase } from '../support/db';
import type { TestDatabase } from '../support/db';
import { databaseDigest } from '../support/digest';
import { runCli } from '../support/process';
import { api, signedInUser, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import { movableClock, registeredPatient } from './support';

const TIME_ZONE = 'Europe/Madrid';
const clock = movableClock();
let db: TestDatabase;
let first: TestServer;
let second: TestServer;
let count = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  const env = { HOSPITAL_TIMEZONE: TIME_ZONE, RETENTION_DAYS: '90' };
  first = await startTestServerOn(db, env, { clock });
  second = await startTestServerOn(db, env, { clock });
});
afterAll(async () => {
  await second.close();
  await first.stop();
});

const sql = () => first.ctx.sequelize;

async function query<T extends object>(
  text: string,
  replacements: Record<string, unknown> = {},
): Promise<T[]> {
  return sql().query<T>(text, { replacements, type: QueryTypes.SELECT });
}

/**
 * A patient with one finished ticket and its notifications, in a department of its own, all made `ageDays`
 * before now; answers their ids.
 */
async function history(
  ageDays: number,
): Promise<{ patient: number; ticket: number; notifications: number[] }> {
  count += 1;
  const code = `RET${count}`;
  const admin = await signedInUser(first, 'admin');
  await api(first, 'POST', '/api/departments', {
    token: admin.token,
    body: { code, name: `Retention ${count}` },
  });
  await api(first, 'POST', `/api/queues/${code}/open`, { token: admin.token, body: {} });
  const patient = await registeredPatient(first);
  const joined = await api<{ ticket: { id: number } }>(first, 'POST', `/api/queues/${code}/tickets`, {
    token: patient.token,
  });
  const ticket = joined.body.ticket.id;
  await api(first, 'POST', `/api/queues/${code}/call-next`, { token: admin.token, body: { room: '1' } });
  await api(first, 'POST', `/api/tickets/${ticket}/serve`, { token: admin.token });
  await api(first, 'POST', `/api/tickets/${ticket}/complete`, { token: admin.token });
  await sql().query(
    `UPDATE tickets SET joined_at = joined_at - make_interval(days => :age) WHERE id = :ticket;
     UPDATE notifications SET created_at = created_at - make_interval(days => :age) WHERE user_id = :patient;`,
    { replacements: { age: ageDays, ticket, patient: patient.id } },
  );
  const rows = await query<{ id: number }>(`SELECT id FROM notifications WHERE user_id = :id`, {
    id: patient.id,
  });
  expect(rows.length).toBeGreaterThan(0);
  return { patient: patient.id, ticket, notifications: rows.map((row) => Number(row.id)) };
}

async function ticketOwner(id: number): Promise<number | null> {
  const [row] = await query<{ user_id: number | null }>(`SELECT user_id FROM tickets WHERE id = :id`, { id });
  return row?.user_id === null || row?.user_id === undefined ? null : Number(row.user_id);
}

async function existing(ids: number[]): Promise<number> {
  const [row] = await query<{ count: number }>(
    `SELECT count(*)::int AS count FROM notifications WHERE id IN (:ids)`,
    {
      ids,
    },
  );
  return row?.count ?? 0;
}

it('runs at 03:00 hospital time once across two processes, removing exactly what is older', async () => {
  // The clock goes 50 days forward, to two seconds before 03:00 in Madrid: RETENTION_DAYS 90 then cuts
  // at what is 40 days old now.
  const older = await history(41);
  const younger = await history(39);
  const waiting = await registeredPatient(first);
  const admin = await signedInUser(first, 'admin');
  await api(first, 'POST', '/api/queues/RET1/open', { token: admin.token, body: {} });
  const stillWaiting = await api<{ ticket: { id: number } }>(first, 'POST', '/api/queues/RET1/tickets', {
    token: waiting.token,
  });
  await sql().query(`UPDATE tickets SET joined_at = joined_at - interval '45 days' WHERE id = :id`, {
    replacements: { id: stillWaiting.body.ticket.id },
  });

  const later = DateTime.now().setZone(TIME_ZONE).plus({ days: 50 });
  const target = later.set({ hour: 2, minute: 59, second: 58, millisecond: 0 });
  clock.move(target.toMillis() - Date.now());
  const fired = [first, second].map(
    (server) => once(server.retention.events, 'fired') as Promise<[RetentionFired]>,
  );
  first.retention.replan();
  second.retention.replan();
  const outcomes = (await Promise.all(fired)).map(([result]) => result.outcome).sort();
  expect(outcomes).toEqual(['ran', 'skipped']);

  expect(await existing(older.notifications)).toBe(0);
  expect(await existing(younger.notifications)).toBe(younger.notifications.length);
  expect(await ticketOwner(older.ticket)).toBeNull();
  expect(await ticketOwner(younger.ticket)).toBe(younger.patient);
  // A ticket still waiting keeps its patient, however old.
  expect(await ticketOwner(stillWaiting.body.ticket.id)).toBe(waiting.id);
  // Every session was made 50 days before the clock's now: a patient's lasts 30 days, a nurse's minutes.
  const [sessions] = await query<{ count: number }>(`SELECT count(*)::int AS count FROM sessions`);
  expect(sessions?.count).toBe(0);
  const runs = await query<{ run_date: string; summary: Record<string, number> }>(
    `SELECT run_date::text AS run_date, summary FROM retention_runs`,
  );
  expect(runs).toEqual([
    {
      run_date: target.plus({ seconds: 2 }).toISODate(),
      summary: expect.objectContaining({
        ticketsUnlinked: 1,
        notificationsDeleted: older.notifications.length,
      }),
    },
  ]);
  clock.reset();
});

it('retention:run --dry-run says what it would do and changes nothing; without it, does it', async () => {
  const old = await history(100);
  const env = { DATABASE_URL: db.url, RETENTION_DAYS: '90' };
  const before = await databaseDigest(first);
  const dry = await runCli(['retention:run', '--dry-run'], env);
  expect(dry.code).toBe(0);
  expect(dry.output).toContain('nothing was changed');
  expect(dry.output).toMatch(new RegExp(`\\b${old.notifications.length} notifications deleted`));
  expect(dry.output).toMatch(/\b1 tickets unlinked/);
  expect(await databaseDigest(first)).toBe(before);

  const run = await runCli(['retention:run'], env);
  expect(run.code).toBe(0);
  expect(run.output).toContain('Retention run done');
  expect(run.output).toMatch(new RegExp(`\\b${old.notifications.length} notifications deleted`));
  expect(await existing(old.notifications)).toBe(0);
  expect(await ticketOwner(old.ticket)).toBeNull();
});

it('explains retention:run in its --help', async () => {
  const help = await runCli(['retention:run', '--help'], { DATABASE_URL: db.url });
  expect(help.code).toBe(0);
  expect(help.output).toContain('Usage: queuebell retention:run');
  expect(help.output).toContain('--dry-run');
});

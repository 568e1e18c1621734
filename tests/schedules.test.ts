import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { AuditEntry, Schedule } from '../shared/queues';
import type { QueueStatus } from '../shared/schemas';
import type { Clock } from '../server/clock';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';

/**
 * Schedules have minute precision; to end "a few seconds from now" without waiting for the next minute,
 * the server's clock runs ahead of the machine's by a fixed offset, chosen so that its minute is about to
 * turn. Timers still run on the machine's time, so the close happens in real seconds.
 */
const clock: Clock & { aheadToSecond(second: number): void } = (() => {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    /** Moves the clock forward (never back) to the next instant at that second of a minute. */
    aheadToSecond(second: number) {
      const current = new Date(Date.now() + offset);
      const target = new Date(current);
      target.setUTCSeconds(second, 0);
      if (target <= current) target.setUTCMinutes(target.getUTCMinutes() + 1);
      offset += target.getTime() - current.getTime();
    },
  };
})();

let server: TestServer;
let nurse: { token: string };
let admin: { token: string };
let count = 0;

beforeAll(async () => {
  server = await startTestServer({ HOSPITAL_TIMEZONE: 'UTC' }, { clock });
  nurse = await signedInUser(server, 'nurse');
  admin = await signedInUser(server, 'admin');
});
afterAll(async () => {
  await server.stop();
});

async function newDepartment(): Promise<string> {
  count += 1;
  const code = `S${count}`;
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code, name: `Scheduled ${count}` },
  });
  return code;
}

const hhmm = (date: Date) => date.toISOString().slice(11, 16);
const isoDay = (date: Date) => ((date.getUTCDay() + 6) % 7) + 1;

function saveSchedule(body: Record<string, unknown>, id?: number) {
  return api<{ schedule: Schedule; error?: { code: string } }>(
    server,
    id ? 'PUT' : 'POST',
    id ? `/api/schedules/${id}` : '/api/schedules',
    {
      token: nurse.token,
      body,
    },
  );
}

async function waitForClosed(code: string): Promise<void> {
  await outboxSettles(
    server,
    `SELECT NOT is_open AS ok FROM queues q JOIN departments d ON d.id = q.department_id WHERE d.code = '${code}'`,
  );
}

describe('schedules API', () => {
  it('creates, lists, edits and deletes schedules, for nurses only', async () => {
    const code = await newDepartment();
    const created = await saveSchedule({
      department: code,
      daysOfWeek: [1, 2, 3, 4, 5],
      startTime: '08:00',
      endTime: '16:00',
    });
    expect(created.status).toBe(201);
    expect(created.body.schedule).toMatchObject({
      department: code,
      startTime: '08:00',
      endTime: '16:00',
      autoOpen: false,
      isActive: true,
    });
    const listed = await api<Schedule[]>(server, 'GET', `/api/schedules?department=${code}`, {
      token: nurse.token,
    });
    expect(listed.body).toEqual([created.body.schedule]);
    const edited = await saveSchedule(
      { department: code, daysOfWeek: [1], startTime: '09:00', endTime: '13:30', autoOpen: true },
      created.body.schedule.id,
    );
    expect(edited.body.schedule).toMatchObject({
      daysOfWeek: [1],
      startTime: '09:00',
      endTime: '13:30',
      autoOpen: true,
    });
    expect(
      (await api(server, 'DELETE', `/api/schedules/${created.body.schedule.id}`, { token: nurse.token }))
        .status,
    ).toBe(204);
    expect(
      (await api<Schedule[]>(server, 'GET', `/api/schedules?department=${code}`, { token: nurse.token }))
        .body,
    ).toEqual([]);

    const patient = await signedInUser(server, 'patient');
    expect((await api(server, 'GET', '/api/schedules', { token: patient.token })).status).toBe(403);
    expect((await api(server, 'POST', '/api/schedules', { token: patient.token, body: {} })).status).toBe(
      403,
    );
    expect((await api(server, 'GET', '/api/schedules')).status).toBe(401);
  });

  it('refuses overlapping schedules with 409 and bad input with 400, saving nothing', async () => {
    const code = await newDepartment();
    await saveSchedule({ department: code, daysOfWeek: [1, 3], startTime: '08:00', endTime: '12:00' });
    const overlap = await saveSchedule({
      department: code,
      daysOfWeek: [3],
      startTime: '11:00',
      endTime: '15:00',
    });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error?.code).toBe('schedule_overlap');
    const night = await saveSchedule({
      department: code,
      daysOfWeek: [7],
      startTime: '22:00',
      endTime: '08:30',
    });
    expect(night.status).toBe(409); // Sunday night runs into Monday morning
    expect(
      (await saveSchedule({ department: code, daysOfWeek: [3], startTime: '12:00', endTime: '15:00' }))
        .status,
    ).toBe(201);
    for (const body of [
      { department: code, daysOfWeek: [2], startTime: '10:00', endTime: '10:00' },
      { department: code, daysOfWeek: [2], startTime: '25:00', endTime: '10:00' },
      { department: code, daysOfWeek: [2], startTime: '8:00', endTime: '10:00' },
      { department: code, daysOfWeek: [0], startTime: '08:00', endTime: '10:00' },
      { department: code, daysOfWeek: [], startTime: '08:00', endTime: '10:00' },
      { department: code, daysOfWeek: [2, 2], startTime: '08:00', endTime: '10:00' },
      { department: code, daysOfWeek: [2], startTime: '08:00', endTime: '10:00', colour: 'blue' },
      { daysOfWeek: [2], startTime: '08:00', endTime: '10:00' },
    ]) {
      expect((await saveSchedule(body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await saveSchedule({ department: 'NOPE', daysOfWeek: [2], startTime: '08:00', endTime: '10:00' }))
        .status,
    ).toBe(404);
    expect((await api(server, 'DELETE', '/api/schedules/999999', { token: nurse.token })).status).toBe(404);
    expect(
      (await api<Schedule[]>(server, 'GET', `/api/schedules?department=${code}`, { token: nurse.token }))
        .body,
    ).toHaveLength(2);
  });
});

describe('closing on time', () => {
  it('closes within a second of the end time, as the schedule, notifying those still waiting', async () => {
    const code = await newDepartment();
    clock.aheadToSecond(56); // the schedule ends at the next minute: 4 seconds away
    const now = clock.now();
    const end = new Date(now.getTime() + 60_000 - now.getUTCSeconds() * 1000 - now.getUTCMilliseconds());
    const start = new Date(end.getTime() - 30 * 60_000);
    await saveSchedule({
      department: code,
      daysOfWeek: [isoDay(start)],
      startTime: hhmm(start),
      endTime: hhmm(end),
    });
    const opened = await api<{ status: QueueStatus }>(server, 'POST', `/api/queues/${code}/open`, {
      token: nurse.token,
    });
    expect(opened.body.status.scheduledCloseAt).toBe(end.toISOString());
    const [waiting] = await createPatients(server, null, 1);
    expect((await api(server, 'POST', `/api/queues/${code}/tickets`, { token: waiting?.token })).status).toBe(
      201,
    );

    await waitForClosed(code);
    const lateBy = clock.now().getTime() - end.getTime();
    expect(lateBy).toBeGreaterThanOrEqual(-1000);
    expect(lateBy).toBeLessThan(1000);
    const log = await api<AuditEntry[]>(server, 'GET', `/api/queues/${code}/log`, { token: nurse.token });
    expect(log.body[0]).toMatchObject({ newStatus: 'closed', reason: 'schedule', changedBy: null });
    await outboxSettles(server, ALL_DELIVERED);
    const [notified] = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = :id AND type = 'queue_closed'`,
      { replacements: { id: waiting?.id }, type: QueryTypes.SELECT },
    );
    expect(notified?.n).toBe(1);
  });

  it('moves the close when the schedule is edited while the queue is open', async () => {
    const code = await newDepartment();
    clock.aheadToSecond(30);
    const now = clock.now();
    const created = await saveSchedule({
      department: code,
      daysOfWeek: [isoDay(now)],
      startTime: '00:00',
      endTime: '23:59',
    });
    await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
    const status = async () => (await api<QueueStatus>(server, 'GET', `/api/queues/${code}`)).body;
    expect((await status()).scheduledCloseAt?.slice(11, 16)).toBe('23:59');

    clock.aheadToSecond(57);
    const soon = new Date(clock.now().getTime() + 3000);
    await saveSchedule(
      { department: code, daysOfWeek: [isoDay(now)], startTime: '00:00', endTime: hhmm(soon) },
      created.body.schedule.id,
    );
    expect((await status()).scheduledCloseAt).toBe(`${soon.toISOString().slice(0, 16)}:00.000Z`);
    await waitForClosed(code);
    expect((await status()).isOpen).toBe(false);
  });

  it('keeps a queue opened with the manual override open that day', async () => {
    const code = await newDepartment();
    clock.aheadToSecond(30);
    const now = clock.now();
    await saveSchedule({
      department: code,
      daysOfWeek: [1, 2, 3, 4, 5, 6, 7],
      startTime: '00:00',
      endTime: hhmm(new Date(now.getTime() + 60_000)),
    });
    const opened = await api<{ status: QueueStatus }>(server, 'POST', `/api/queues/${code}/open`, {
      token: nurse.token,
      body: { manualOverride: true },
    });
    expect(opened.body.status.manualOverride).toBe(true);
    const tomorrow = new Date(now.getTime() + 24 * 3600_000);
    expect(opened.body.status.scheduledCloseAt?.slice(0, 10)).toBe(tomorrow.toISOString().slice(0, 10));
  });
});

describe('opening on time', () => {
  it('opens an auto-open schedule at its start time and notifies patients once', async () => {
    const code = await newDepartment();
    const [follower] = await createPatients(server, null, 1, { departments: [code] });
    clock.aheadToSecond(57);
    const now = clock.now();
    const start = new Date(now.getTime() + 3000);
    const end = new Date(start.getTime() + 60 * 60_000);
    await saveSchedule({
      department: code,
      daysOfWeek: [isoDay(start)],
      startTime: hhmm(start),
      endTime: hhmm(end),
      autoOpen: true,
    });
    await outboxSettles(
      server,
      `SELECT is_open AS ok FROM queues q JOIN departments d ON d.id = q.department_id WHERE d.code = '${code}'`,
    );
    const log = await api<AuditEntry[]>(server, 'GET', `/api/queues/${code}/log`, { token: nurse.token });
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({ newStatus: 'open', reason: 'schedule', changedBy: null });
    expect(
      Math.abs(
        Date.parse(log.body[0]?.changedAt ?? '') - Date.parse(`${start.toISOString().slice(0, 16)}:00Z`),
      ),
    ).toBeLessThan(1000);
    await outboxSettles(server, ALL_DELIVERED);
    const [notified] = await server.ctx.sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = :id AND type = 'queue_opened'`,
      { replacements: { id: follower?.id }, type: QueryTypes.SELECT },
    );
    expect(notified?.n).toBe(1);
  });
});

describe('the CLI', () => {
  it('lists overdue queues on --dry-run without changing them, then closes them', async () => {
    const { runCli } = await import('./support/process');
    const code = await newDepartment();
    await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token });
    // A close time in the past that this server has not acted on (as if it had been down).
    await server.scheduler.stop();
    await server.ctx.sequelize.query(
      `UPDATE queues SET scheduled_close_at = now() - interval '1 minute'
        WHERE department_id = (SELECT id FROM departments WHERE code = :code)`,
      { replacements: { code } },
    );
    try {
      const env = { DATABASE_URL: server.db.url };
      const dry = await runCli(['auto-close-queues', '--department', code, '--dry-run'], env);
      expect(dry.code).toBe(0);
      expect(dry.output).toContain(`Would close ${code}`);
      expect((await api<QueueStatus>(server, 'GET', `/api/queues/${code}`)).body.isOpen).toBe(true);
      const real = await runCli(['auto-close-queues', '--department', code], env);
      expect(real.code).toBe(0);
      expect(real.output).toContain(`${code} closed successfully`);
      expect((await api<QueueStatus>(server, 'GET', `/api/queues/${code}`)).body.isOpen).toBe(false);
      const log = await api<AuditEntry[]>(server, 'GET', `/api/queues/${code}/log`, { token: nurse.token });
      expect(log.body[0]).toMatchObject({ reason: 'schedule', changedBy: null });
      const unknown = await runCli(['auto-close-queues', '--department', 'NOPE'], env);
      expect(unknown.code).toBe(1);
    } finally {
      await server.scheduler.start();
    }
  });
});

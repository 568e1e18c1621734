import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/commands/create-user';
import { startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { runCli } from '../support/process';

let server: TestServer;
let sequelize: Sequelize;
let env: Record<string, string>;
let patientId: number;

beforeAll(async () => {
  server = await startTestServer();
  sequelize = server.ctx.sequelize;
  env = { DATABASE_URL: server.db.url };
  const patient = await createUser({
    email: 'cli-notifications@test.example',
    password: 'correct horse battery',
    name: 'Pat',
    role: 'patient',
  });
  patientId = patient.id;
});
afterAll(async () => {
  await server.stop();
});

interface Fixture {
  key: string;
  department: 'OPD' | 'LAB' | null;
  delivery: 'pending' | 'sent' | 'delivered' | 'failed';
  push: 'pending' | 'done' | 'failed';
  age: string;
  read?: boolean;
}

/**
 * Rows the server's own delivery worker leaves alone: push 'done' or 'failed', and the one 'pending' row
 * is not due until tomorrow.
 */
const FIXTURES: Fixture[] = [
  { key: 'opd-delivered', department: 'OPD', delivery: 'delivered', push: 'done', age: '1 day', read: true },
  { key: 'opd-sent', department: 'OPD', delivery: 'sent', push: 'done', age: '2 days' },
  { key: 'opd-failed', department: 'OPD', delivery: 'failed', push: 'failed', age: '3 days' },
  { key: 'opd-old-pending', department: 'OPD', delivery: 'pending', push: 'pending', age: '120 days' },
  { key: 'lab-old-failed', department: 'LAB', delivery: 'failed', push: 'failed', age: '100 days' },
  {
    key: 'lab-old-delivered',
    department: 'LAB',
    delivery: 'delivered',
    push: 'done',
    age: '200 days',
    read: true,
  },
  { key: 'lab-push-failed', department: 'LAB', delivery: 'sent', push: 'failed', age: '5 days' },
  { key: 'general-delivered', department: null, delivery: 'delivered', push: 'done', age: '1 hour' },
];

interface Row {
  event_key: string;
  delivery_status: string;
  push_status: string;
  push_attempts: number;
  last_error: string | null;
  lease_until: Date | null;
}

/** Replaces every notification with the fixtures (failed ones after 8 attempts, with an error). */
async function resetNotifications(): Promise<void> {
  await sequelize.query(`DELETE FROM notifications`);
  for (const fixture of FIXTURES) {
    await sequelize.query(
      `INSERT INTO notifications (user_id, department_id, type, event_key, title, body, delivery_status, push_status,
                                  push_attempts, next_attempt_at, last_error, created_at, read_at)
       VALUES (:user, (SELECT id FROM departments WHERE code = :department), 'queue_opened', :key, 'Opened', 'Come in',
               :delivery, :push, :attempts, now() + interval '1 day', :error, now() - :age::interval,
               CASE WHEN :read THEN now() END)`,
      {
        replacements: {
          ...fixture,
          user: patientId,
          attempts: fixture.push === 'failed' ? 8 : 1,
          error: fixture.push === 'failed' ? 'HTTP 500' : null,
          read: fixture.read ?? false,
        },
      },
    );
  }
}

async function rows(): Promise<Map<string, Row>> {
  const list = await sequelize.query<Row>(
    `SELECT event_key, delivery_status, push_status, push_attempts, last_error, lease_until FROM notifications`,
    { type: QueryTypes.SELECT },
  );
  return new Map(list.map((row) => [row.event_key, row]));
}

/**
 * How each fixture's channels fared, written straight into the columns the delivery worker fills:
 * a push outcome, the channel a client confirmed on, and email and SMS follow-ups.
 */
const CHANNEL_OUTCOMES: Array<{
  key: string;
  push: 'sent' | 'failed';
  via?: 'push';
  followUps?: Array<['email' | 'sms', 'sent' | 'failed']>;
}> = [
  { key: 'opd-delivered', push: 'sent', via: 'push' },
  { key: 'opd-sent', push: 'sent' },
  { key: 'opd-failed', push: 'failed', followUps: [['email', 'failed']] },
  { key: 'lab-old-failed', push: 'failed' },
  {
    key: 'lab-push-failed',
    push: 'failed',
    followUps: [
      ['email', 'sent'],
      ['sms', 'sent'],
    ],
  },
];

async function addChannelOutcomes(): Promise<void> {
  for (const outcome of CHANNEL_OUTCOMES) {
    await sequelize.query(
      `UPDATE notifications SET push_outcome = :push, push_outcome_at = now(), delivered_via = :via WHERE event_key = :key`,
      { replacements: { key: outcome.key, push: outcome.push, via: outcome.via ?? null } },
    );
    for (const [channel, status] of outcome.followUps ?? []) {
      await sequelize.query(
        `INSERT INTO notification_channels (notification_id, channel, status, done_at)
         SELECT id, :channel, :status, now() FROM notifications WHERE event_key = :key`,
        { replacements: { key: outcome.key, channel, status } },
      );
    }
  }
}

/** The per-channel part of what notifications:stats prints (`Push sent  1`), as numbers. */
function channelTable(output: string): Record<string, number> {
  return Object.fromEntries(
    [...output.matchAll(/^ {2}(Push|Email|SMS) (\w+) +(\d+)$/gm)].map((match) => [
      `${match[1]?.toLowerCase()} ${match[2]}`,
      Number(match[3]),
    ]),
  );
}

/** The table notifications:stats prints, as numbers. */
function table(output: string): Record<string, number> {
  return Object.fromEntries(
    [...output.matchAll(/^ {2}(\w+) +(\d+)$/gm)].map((match) => [match[1]?.toLowerCase(), Number(match[2])]),
  );
}

describe('notifications CLI', () => {
  it('reports stats, overall and per department, and what a prune would delete, without changing anything', async () => {
    await resetNotifications();
    await addChannelOutcomes();
    const before = await rows();
    const [all, opd, lab, unknown, invalid, dryRun, dryRunMinutes, badDuration, noDuration] =
      await Promise.all([
        runCli(['notifications:stats'], env),
        runCli(['notifications:stats', '--department', 'opd'], env),
        runCli(['notifications:stats', '--department', 'LAB'], env),
        runCli(['notifications:stats', '--department', 'XRAY'], env),
        runCli(['notifications:stats', '--department', 'x'], env),
        runCli(['notifications:prune', '--older-than', '90d', '--dry-run'], env),
        runCli(['notifications:prune', '--older-than', '129600m', '--dry-run'], env),
        runCli(['notifications:prune', '--older-than', '90 days'], env),
        runCli(['notifications:prune'], env),
      ]);

    expect(all?.code).toBe(0);
    expect(table(all?.output ?? '')).toEqual({
      total: 8,
      pending: 1,
      sent: 2,
      delivered: 3,
      failed: 2,
      read: 2,
    });
    expect(all?.output).toContain('all departments');
    expect(all?.output).toContain('By channel:');
    expect(channelTable(all?.output ?? '')).toEqual({
      'push sent': 1,
      'push delivered': 1,
      'push failed': 3,
      'email sent': 1,
      'email failed': 1,
      'sms sent': 1,
      'sms failed': 0,
    });
    expect(opd?.code).toBe(0);
    expect(opd?.output).toContain('Notifications for OPD');
    expect(table(opd?.output ?? '')).toEqual({
      total: 4,
      pending: 1,
      sent: 1,
      delivered: 1,
      failed: 1,
      read: 1,
    });
    expect(channelTable(opd?.output ?? '')).toMatchObject({
      'push sent': 1,
      'push delivered': 1,
      'push failed': 1,
      'email failed': 1,
      'sms sent': 0,
    });
    expect(table(lab?.output ?? '')).toEqual({
      total: 3,
      pending: 0,
      sent: 1,
      delivered: 1,
      failed: 1,
      read: 1,
    });
    expect(channelTable(lab?.output ?? '')).toMatchObject({
      'push failed': 2,
      'email sent': 1,
      'sms sent': 1,
    });
    // The numbers line up in one column, the channels' too.
    const valueColumns = new Set(
      (all?.output ?? '').split('\n').flatMap((line) => (/\d$/.test(line) ? [line.length] : [])),
    );
    expect(valueColumns.size).toBe(1);

    expect(unknown?.code).toBe(1);
    expect(unknown?.output).toContain('There is no department XRAY. Departments: LAB, OPD, PHARM.');
    expect(invalid?.code).toBe(1);
    expect(invalid?.output).toContain('--department must be 2–16 characters');

    expect(dryRun?.code).toBe(0);
    expect(dryRun?.output).toMatch(/Would delete 3 notifications older than 90 days \(created before \S+Z\)/);
    expect(dryRun?.output).toContain('1 of them still awaiting push delivery');
    expect(dryRun?.output).toContain('Nothing was changed.');
    expect(dryRunMinutes?.output).toContain('Would delete 3 notifications older than 129600 minutes');

    expect(badDuration?.code).toBe(1);
    expect(badDuration?.output).toContain(
      '--older-than must be a whole number of days, hours or minutes such as 90d, 12h or 30m, not "90 days".',
    );
    expect(noDuration?.code).not.toBe(0);
    expect(noDuration?.output).toContain("required option '--older-than <age>' not specified");

    expect(await rows()).toEqual(before);
  });

  it('prunes only older notifications, whatever their state, in batches', async () => {
    await resetNotifications();
    // 12,000 more old rows: three batches.
    await sequelize.query(
      `INSERT INTO notifications (user_id, type, event_key, title, body, delivery_status, push_status, created_at)
       SELECT :user, 'queue_closed', 'bulk-' || i, 'Closed', 'Closed', 'delivered', 'done', now() - interval '95 days'
         FROM generate_series(1, 12000) AS i`,
      { replacements: { user: patientId } },
    );
    const result = await runCli(['notifications:prune', '--older-than', '90d'], env);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/^Deleted 12003 notifications older than 90 days \(created before \S+Z\)/m);
    expect([...(await rows()).keys()].sort()).toEqual([
      'general-delivered',
      'lab-push-failed',
      'opd-delivered',
      'opd-failed',
      'opd-sent',
    ]);

    const hours = await runCli(['notifications:prune', '--older-than', '12h'], env);
    expect(hours.code).toBe(0);
    expect(hours.output).toContain('Deleted 4 notifications older than 12 hours');
    expect([...(await rows()).keys()]).toEqual(['general-delivered']);
  });

  it('re-queues only failed notifications, by department, and the running server delivers them at once', async () => {
    await resetNotifications();
    const before = await rows();
    const lab = await runCli(['notifications:retry-failed', '--department', 'lab'], env);
    expect(lab.code).toBe(0);
    expect(lab.output).toContain('Queued 2 failed notifications for LAB for another attempt.');
    let after = await rows();
    for (const key of ['lab-old-failed', 'lab-push-failed']) {
      const row = after.get(key);
      // The server's worker may already have delivered it again: not failed, and at most that one attempt.
      expect(row?.push_status).not.toBe('failed');
      expect(row?.push_attempts).toBeLessThanOrEqual(1);
      expect(row?.last_error).toBeNull();
    }
    // It had reached the patient, only a push failed: it stays sent.
    expect(after.get('lab-push-failed')?.delivery_status).toBe('sent');
    for (const key of ['opd-delivered', 'opd-sent', 'opd-failed', 'opd-old-pending', 'lab-old-delivered']) {
      expect(after.get(key)).toEqual(before.get(key));
    }

    const rest = await runCli(['notifications:retry-failed'], env);
    expect(rest.code).toBe(0);
    // OPD's, and LAB's old one again if the worker already tried it: nothing can reach its patient.
    expect(rest.output).toMatch(/Queued [12] failed notifications? for another attempt\./);
    expect((await rows()).get('opd-failed')?.push_status).not.toBe('failed');

    // NOTIFY woke the worker: well within its 15 s idle check, each was attempted once and is done.
    const deadline = Date.now() + 5000;
    const retried = ['lab-old-failed', 'lab-push-failed', 'opd-failed'];
    while (Date.now() < deadline) {
      after = await rows();
      if (retried.every((key) => after.get(key)?.push_status === 'done')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const key of retried) {
      expect(after.get(key)).toMatchObject({
        push_status: 'done',
        push_attempts: 1,
        last_error: null,
        lease_until: null,
      });
    }
    // Tried once more, and nothing could reach its patient (no subscription, no email channel): failed again.
    expect(after.get('opd-failed')?.delivery_status).toBe('failed');

    const nothing = await runCli(['notifications:retry-failed', '--department', 'PHARM'], env);
    expect(nothing.output).toContain('There are no failed notifications for PHARM to retry.');
  });

  it('has --help for every notifications command', async () => {
    const commands = ['notifications:stats', 'notifications:prune', 'notifications:retry-failed'];
    const helps = await Promise.all(commands.map((command) => runCli([command, '--help'], env)));
    commands.forEach((command, index) => {
      expect(helps[index]?.code).toBe(0);
      expect(helps[index]?.output).toContain(`Usage: queuebell ${command}`);
    });
    expect(helps[1]?.output).toContain('deleted whatever their state');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Notification, NotificationPage } from '../../shared/notifications';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

let server: TestServer;
let patient: { id: number; token: string };
let other: { id: number; token: string };
let nurse: { token: string };

async function insertNotifications(userId: number, count: number, department = 'OPD'): Promise<number[]> {
  const rows = await server.ctx.sequelize.query<{ id: number }>(
    `INSERT INTO notifications (user_id, department_id, type, event_key, title, body, push_status)
     SELECT :userId, (SELECT id FROM departments WHERE code = :department), 'queue_opened', 'test:' || gen_random_uuid(),
            'OPD is open', 'Join from the app.', 'done'
       FROM generate_series(1, :count) RETURNING id`,
    { replacements: { userId, count, department }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => Number(row.id));
}

beforeAll(async () => {
  server = await startTestServer();
  patient = await signedInUser(server, 'patient');
  other = await signedInUser(server, 'patient');
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
});

describe('the inbox', () => {
  it('lists own notifications newest first, page by page', async () => {
    const ids = await insertNotifications(patient.id, 5);
    await insertNotifications(other.id, 2);
    const first = await api<NotificationPage>(server, 'GET', '/api/notifications?limit=3', {
      token: patient.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.id)).toEqual(ids.slice(-3).reverse());
    expect(first.body.nextCursor).not.toBeNull();
    const second = await api<NotificationPage>(
      server,
      'GET',
      `/api/notifications?limit=3&before=${first.body.nextCursor}`,
      {
        token: patient.token,
      },
    );
    expect(second.body.items.map((item) => item.id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.body.nextCursor).toBeNull();
    const item = first.body.items[0] as Notification;
    expect(Object.keys(item).sort()).toEqual(
      [
        'body',
        'channels',
        'createdAt',
        'data',
        'deliveredAt',
        'deliveryStatus',
        'department',
        'id',
        'readAt',
        'sentAt',
        'title',
        'type',
      ].sort(),
    );
    expect(item).toMatchObject({ department: 'OPD', deliveryStatus: 'pending', readAt: null });
  });

  it('marks one read, then all read, and never touches another patient’s', async () => {
    const [mine] = await insertNotifications(patient.id, 1);
    const [theirs] = await insertNotifications(other.id, 1);
    expect(
      (await api(server, 'POST', `/api/notifications/${mine}/read`, { token: patient.token })).status,
    ).toBe(204);
    expect(
      (await api(server, 'POST', `/api/notifications/${theirs}/read`, { token: patient.token })).status,
    ).toBe(404);
    expect(
      (await api(server, 'POST', `/api/notifications/${theirs}/delivered`, { token: patient.token })).status,
    ).toBe(404);
    const list = await api<NotificationPage>(server, 'GET', '/api/notifications?limit=1', {
      token: patient.token,
    });
    expect(list.body.items[0]).toMatchObject({ id: mine, deliveryStatus: 'delivered' });
    expect(list.body.items[0]?.readAt).not.toBeNull();

    expect((await api(server, 'POST', '/api/notifications/read-all', { token: patient.token })).status).toBe(
      204,
    );
    const [unread] = await server.ctx.sequelize.query<{ mine: number; theirs: number }>(
      `SELECT count(*) FILTER (WHERE user_id = :me AND read_at IS NULL)::int AS mine,
              count(*) FILTER (WHERE user_id = :them AND read_at IS NULL)::int AS theirs FROM notifications`,
      { replacements: { me: patient.id, them: other.id }, type: QueryTypes.SELECT },
    );
    expect(unread).toEqual({ mine: 0, theirs: 3 });
  });

  it('confirms delivery with the push receipt and no token, and refuses a forged receipt', async () => {
    const [id] = (await insertNotifications(other.id, 1)) as [number];
    const receipt = server.ctx.receipts.sign(id);
    expect(
      (
        await api(
          server,
          'POST',
          `/api/notifications/${id}/delivered?receipt=${server.ctx.receipts.sign(id + 1)}`,
        )
      ).status,
    ).toBe(404);
    expect((await api(server, 'POST', `/api/notifications/${id}/delivered`)).status).toBe(401);
    expect((await api(server, 'POST', `/api/notifications/${id}/delivered?receipt=${receipt}`)).status).toBe(
      204,
    );
    const [row] = await server.ctx.sequelize.query<{ delivery_status: string }>(
      `SELECT delivery_status FROM notifications WHERE id = :id`,
      { replacements: { id }, type: QueryTypes.SELECT },
    );
    expect(row?.delivery_status).toBe('delivered');
  });

  it('validates ids, cursors and limits', async () => {
    for (const path of [
      '/api/notifications?limit=0',
      '/api/notifications?limit=1000',
      '/api/notifications?before=abc',
      '/api/notifications?x=1',
    ]) {
      expect((await api(server, 'GET', path, { token: patient.token })).status, path).toBe(400);
    }
    expect((await api(server, 'POST', '/api/notifications/abc/read', { token: patient.token })).status).toBe(
      400,
    );
    expect(
      (await api(server, 'POST', '/api/notifications/99999999/read', { token: patient.token })).status,
    ).toBe(404);
  });

  it('is for patients; stats are for staff', async () => {
    expect((await api(server, 'GET', '/api/notifications', { token: nurse.token })).status).toBe(403);
    expect((await api(server, 'GET', '/api/notifications')).status).toBe(401);
    expect((await api(server, 'GET', '/api/notifications/stats', { token: patient.token })).status).toBe(403);
  });
});

describe('delivery statistics', () => {
  it('counts by delivery state, per department and since a time', async () => {
    const lab = await insertNotifications(other.id, 4, 'LAB');
    await server.ctx.sequelize.query(
      `UPDATE notifications SET delivery_status = CASE id WHEN :a THEN 'sent' WHEN :b THEN 'delivered' WHEN :c THEN 'failed' ELSE delivery_status END,
              read_at = CASE WHEN id = :b THEN now() ELSE read_at END,
              push_outcome = CASE id WHEN :a THEN 'sent' WHEN :b THEN 'sent' WHEN :c THEN 'failed' END,
              delivered_via = CASE WHEN id = :b THEN 'push' END
        WHERE id IN (:ids)`,
      { replacements: { a: lab[0], b: lab[1], c: lab[2], ids: lab } },
    );
    // The sent one also went by email; the failed one's text failed too.
    await server.ctx.sequelize.query(
      `INSERT INTO notification_channels (notification_id, channel, status) VALUES (:a, 'email', 'sent'), (:c, 'sms', 'failed')`,
      { replacements: { a: lab[0], c: lab[2] } },
    );
    const stats = await api(server, 'GET', '/api/notifications/stats?department=lab', { token: nurse.token });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      total: 4,
      pending: 1,
      sent: 1,
      delivered: 1,
      failed: 1,
      read: 1,
      byChannel: {
        push: { sent: 1, delivered: 1, failed: 1 },
        email: { sent: 1, failed: 0 },
        sms: { sent: 0, failed: 1 },
      },
    });
    const future = await api(
      server,
      'GET',
      `/api/notifications/stats?since=${new Date(Date.now() + 60_000).toISOString()}`,
      {
        token: nurse.token,
      },
    );
    expect(future.body).toMatchObject({ total: 0 });
    expect(
      (await api(server, 'GET', '/api/notifications/stats?since=yesterday', { token: nurse.token })).status,
    ).toBe(400);
    const calls = await api(server, 'GET', '/api/notifications/stats?department=LAB&type=ticket_called', {
      token: nurse.token,
    });
    expect(calls.body).toMatchObject({ total: 0 });
    const opens = await api(server, 'GET', '/api/notifications/stats?department=LAB&type=queue_opened', {
      token: nurse.token,
    });
    expect(opens.body).toMatchObject({ total: 4 });
    expect(
      (await api(server, 'GET', '/api/notifications/stats?type=party', { token: nurse.token })).status,
    ).toBe(400);
  });
});

describe('retrying failed notifications', () => {
  it('lets staff queue failed notifications again, per department', async () => {
    const failed = await insertNotifications(other.id, 2, 'PHARM');
    await server.ctx.sequelize.query(
      `UPDATE notifications SET delivery_status = 'failed', push_status = 'failed', push_attempts = 6, last_error = 'HTTP 503'
        WHERE id IN (:failed)`,
      { replacements: { failed } },
    );
    expect(
      (await api(server, 'POST', '/api/notifications/retry-failed', { token: patient.token, body: {} }))
        .status,
    ).toBe(403);
    expect(
      (
        await api(server, 'POST', '/api/notifications/retry-failed', {
          token: nurse.token,
          body: { department: 'NOPE' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(server, 'POST', '/api/notifications/retry-failed', {
          token: nurse.token,
          body: { all: true },
        })
      ).status,
    ).toBe(400);
    const opd = await api(server, 'POST', '/api/notifications/retry-failed', {
      token: nurse.token,
      body: { department: 'OPD' },
    });
    expect(opd.body).toEqual({ queued: 0 });
    const pharm = await api(server, 'POST', '/api/notifications/retry-failed', {
      token: nurse.token,
      body: { department: 'PHARM' },
    });
    expect(pharm.status).toBe(200);
    expect(pharm.body).toEqual({ queued: 2 });
    const rows = await server.ctx.sequelize.query<{
      push_status: string;
      push_attempts: number;
      last_error: string | null;
    }>(`SELECT push_status, push_attempts, last_error FROM notifications WHERE id IN (:failed)`, {
      replacements: { failed },
      type: QueryTypes.SELECT,
    });
    // Queued afresh: attempts and error reset. The running worker may already have tried them again, and
    // with no channel to reach their patient marked them failed once more, so delivery_status is either.
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.push_status).not.toBe('failed');
      expect(row.push_attempts).toBeLessThanOrEqual(1);
      expect(row.last_error).toBeNull();
    }
  });
});

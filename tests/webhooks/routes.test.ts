import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { Webhook } from '../../shared/webhooks';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { startWebhookReceiver } from '../support/webhook-receiver';
import type { WebhookReceiver } from '../support/webhook-receiver';
import { subscribe } from './support';

let server: TestServer;
let receiver: WebhookReceiver;
let admin: { token: string };

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer({ WEBHOOK_ALLOWED_ORIGINS: receiver.origin });
  admin = await signedInUser(server, 'admin');
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

const create = (url: string) =>
  api<{ error: { code: string; message: string } }>(server, 'POST', '/api/webhooks', {
    token: admin.token,
    body: { url, events: ['webhook.test'] },
  });
const webhookCount = async () => {
  const [row] = await server.ctx.sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhooks`, {
    type: QueryTypes.SELECT,
  });
  return row?.n ?? 0;
};

describe('the SSRF rule on webhook URLs', () => {
  it.each([
    ['loopback IPv4', 'https://127.0.0.1/hook'],
    ['a name that resolves to loopback', 'https://localhost/hook'],
    ['loopback IPv6', 'https://[::1]/hook'],
    ['a private network', 'https://10.20.30.40/hook'],
    ['another private network', 'https://192.168.1.10:8443/hook'],
    ['cloud metadata (link-local)', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 link-local', 'https://[fe80::1]/hook'],
    ['IPv6 unique local', 'https://[fd00::5]/hook'],
    ['a private IPv4 inside IPv6', 'https://[::ffff:10.0.0.1]/hook'],
    ['plain http', 'http://93.184.216.34/hook'],
  ])('refuses %s with 400 webhook_url_not_allowed and stores nothing', async (_name, url) => {
    const before = await webhookCount();
    const answer = await create(url);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('webhook_url_not_allowed');
    expect(await webhookCount()).toBe(before);
  });

  it('refuses a host that does not resolve', async () => {
    const answer = await create('https://no-such-host.invalid/hook');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('webhook_url_unresolvable');
  });

  it('accepts a public https address, and a private origin listed in WEBHOOK_ALLOWED_ORIGINS', async () => {
    expect((await create('https://93.184.216.34/hook')).status).toBe(201);
    expect((await create(`${receiver.origin}/any/path`)).status).toBe(201);
    // Another port of the same listed host is another origin.
    const otherPort = new URL(receiver.origin);
    otherPort.port = String(Number(otherPort.port) + 1);
    expect((await create(`${otherPort.origin}/hook`)).status).toBe(400);
  });

  it('checks a changed URL too, and leaves the webhook as it was when refused', async () => {
    const { webhook } = await subscribe(server, admin.token, receiver, ['webhook.test']);
    const patched = await api<{ error: { code: string } }>(server, 'PATCH', `/api/webhooks/${webhook.id}`, {
      token: admin.token,
      body: { url: 'https://127.0.0.1:9/x' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe('webhook_url_not_allowed');
    const listed = await api<Webhook[]>(server, 'GET', '/api/webhooks', { token: admin.token });
    expect(listed.body.find((row) => row.id === webhook.id)?.url).toBe(receiver.url);
  });
});

describe('managing webhooks', () => {
  it('changes events and active, and deletes, each in the admin log', async () => {
    const { webhook } = await subscribe(server, admin.token, receiver, ['webhook.test']);
    expect(webhook).toEqual({
      id: expect.any(Number),
      url: receiver.url,
      events: ['webhook.test'],
      active: true,
      createdAt: expect.any(String),
      description: 'test receiver',
    });
    const patched = await api<{ webhook: Webhook }>(server, 'PATCH', `/api/webhooks/${webhook.id}`, {
      token: admin.token,
      body: { events: ['ticket.called', 'ticket.called', 'queue.opened'], active: false },
    });
    expect(patched.body.webhook).toMatchObject({ events: ['ticket.called', 'queue.opened'], active: false });
    expect((await api(server, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token })).status).toBe(
      204,
    );
    expect((await api(server, 'DELETE', `/api/webhooks/${webhook.id}`, { token: admin.token })).status).toBe(
      404,
    );
    const log = await api<{ items: Array<{ action: string; target: string }> }>(
      server,
      'GET',
      '/api/admin/log?limit=50',
      { token: admin.token },
    );
    const actions = log.body.items
      .filter((entry) => entry.target === `webhook:${webhook.id}`)
      .map((entry) => entry.action);
    expect(actions).toEqual(['webhook.deleted', 'webhook.updated', 'webhook.created']);
  });

  it('refuses an unknown event name', async () => {
    const answer = await api<{ error: { code: string } }>(server, 'POST', '/api/webhooks', {
      token: admin.token,
      body: { url: receiver.url, events: ['ticket.eaten'] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });

  it('is for admins only', async () => {
    const nurse = await signedInUser(server, 'nurse');
    expect((await api(server, 'GET', '/api/webhooks', { token: nurse.token })).status).toBe(403);
  });
});

describe('notification.failed', () => {
  it('is sent when a notification becomes failed, in that same transaction, without the patient', async () => {
    const { webhook } = await subscribe(server, admin.token, receiver, ['notification.failed']);
    const nurse = await signedInUser(server, 'nurse');
    const patient = await signedInUser(server, 'patient', { name: 'Ada Lovelace' });
    await api(server, 'POST', '/api/queues/PHARM/open', { token: nurse.token });
    await api(server, 'POST', '/api/queues/PHARM/tickets', { token: patient.token });
    await api(server, 'POST', '/api/queues/PHARM/call-next', { token: nurse.token, body: { room: '4' } });
    const { sequelize } = server.ctx;
    const [call] = await sequelize.query<{ id: number }>(
      `SELECT id FROM notifications WHERE user_id = :userId AND type = 'ticket_called'`,
      { replacements: { userId: patient.id }, type: QueryTypes.SELECT },
    );
    // What every channel's recording does when nothing reached the patient, here rolled back once first.
    const fail = `UPDATE notifications SET delivery_status = 'failed' WHERE id = :id`;
    await expect(
      sequelize.transaction(async (transaction) => {
        await sequelize.query(fail, { replacements: { id: call?.id }, transaction });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await sequelize.query(fail, { replacements: { id: call?.id } });

    const failedCall = (data: Record<string, unknown>) => data.notificationId === Number(call?.id);
    const [event] = await receiver.waitFor(
      1,
      (received) => received.payload.type === 'notification.failed' && failedCall(received.payload.data),
    );
    expect(event?.payload.data).toMatchObject({
      notificationId: Number(call?.id),
      notificationType: 'ticket_called',
      department: 'PHARM',
      ticket: expect.stringMatching(/^PHARM-/),
    });
    expect(JSON.stringify(event?.payload)).not.toMatch(/Ada|Lovelace|@test\.example/);
    const [count] = await sequelize.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
        WHERE d.webhook_id = :id AND (e.data ->> 'notificationId')::bigint = :notificationId`,
      { replacements: { id: webhook.id, notificationId: call?.id }, type: QueryTypes.SELECT },
    );
    expect(count?.n).toBe(1);
  });
});

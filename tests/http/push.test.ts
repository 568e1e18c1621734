import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { startPushReceiver } from '../support/push-receiver';
import type { PushReceiver } from '../support/push-receiver';

let receiver: PushReceiver;
let server: TestServer;
beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: receiver.origin });
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

async function subscriptions(): Promise<Array<{ user_id: number; endpoint: string }>> {
  return server.ctx.sequelize.query(`SELECT user_id, endpoint FROM push_subscriptions ORDER BY id`, {
    type: QueryTypes.SELECT,
  });
}

describe('web push subscriptions', () => {
  it('publishes the VAPID public key (a P-256 point) to anyone', async () => {
    const answer = await api<{ publicKey: string }>(server, 'GET', '/api/push/vapid-public-key');
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.body.publicKey, 'base64url')).toHaveLength(65);
    // Generated once and kept: the same key after asking again.
    expect((await api<{ publicKey: string }>(server, 'GET', '/api/push/vapid-public-key')).body).toEqual(
      answer.body,
    );
  });

  it('saves a subscription idempotently by endpoint, and deletes it', async () => {
    const patient = await signedInUser(server, 'patient');
    const subscription = receiver.subscriptionFor();
    expect(
      (await api(server, 'POST', '/api/push/subscriptions', { token: patient.token, body: subscription }))
        .status,
    ).toBe(201);
    expect(
      (
        await api(server, 'POST', '/api/push/subscriptions', {
          token: patient.token,
          body: { ...subscription, expirationTime: null },
        })
      ).status,
    ).toBe(201);
    expect((await subscriptions()).filter((row) => row.endpoint === subscription.endpoint)).toHaveLength(1);

    // Another user cannot delete it.
    const other = await signedInUser(server, 'patient');
    await api(server, 'DELETE', '/api/push/subscriptions', {
      token: other.token,
      body: { endpoint: subscription.endpoint },
    });
    expect((await subscriptions()).some((row) => row.endpoint === subscription.endpoint)).toBe(true);

    const removed = await api(server, 'DELETE', '/api/push/subscriptions', {
      token: patient.token,
      body: { endpoint: subscription.endpoint },
    });
    expect(removed.status).toBe(204);
    expect((await subscriptions()).some((row) => row.endpoint === subscription.endpoint)).toBe(false);
  });

  it('accepts the known push services', async () => {
    const patient = await signedInUser(server, 'patient');
    const keys = receiver.subscriptionFor().keys;
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc123',
      'https://updates.push.services.mozilla.com/wpush/v2/xyz',
      'https://web.push.apple.com/QGx',
      'https://wns2-by3p.notify.windows.com/w/?token=abc',
    ]) {
      const saved = await api(server, 'POST', '/api/push/subscriptions', {
        token: patient.token,
        body: { endpoint, keys },
      });
      expect(saved.status, endpoint).toBe(201);
    }
  });

  it('refuses endpoints the server must not call, changing nothing', async () => {
    const patient = await signedInUser(server, 'patient');
    const keys = receiver.subscriptionFor().keys;
    const before = (await subscriptions()).length;
    for (const endpoint of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://evil.example.com/push',
      'https://127.0.0.1:8000/internal',
      'https://10.0.0.5/push',
      'https://169.254.169.254/latest/meta-data',
      'file:///etc/passwd',
      'https://user:pass@fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:8443/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/x',
      'not a url',
    ]) {
      const refused = await api<{ error: { code: string } }>(server, 'POST', '/api/push/subscriptions', {
        token: patient.token,
        body: { endpoint, keys },
      });
      expect(refused.status, endpoint).toBe(400);
      expect(refused.body.error.code, endpoint).toBe('invalid_push_endpoint');
    }
    expect((await subscriptions()).length).toBe(before);
  });

  it('refuses keys that are not a P-256 point and a 16-byte secret', async () => {
    const patient = await signedInUser(server, 'patient');
    const good = receiver.subscriptionFor();
    const notOnCurve = Buffer.alloc(65, 7);
    notOnCurve[0] = 4;
    for (const keys of [
      { ...good.keys, p256dh: Buffer.alloc(33, 1).toString('base64url') },
      { ...good.keys, p256dh: notOnCurve.toString('base64url') },
      { ...good.keys, p256dh: '***' },
      { ...good.keys, auth: Buffer.alloc(8, 1).toString('base64url') },
      { p256dh: good.keys.p256dh },
    ]) {
      const refused = await api(server, 'POST', '/api/push/subscriptions', {
        token: patient.token,
        body: { endpoint: good.endpoint, keys },
      });
      expect(refused.status, JSON.stringify(keys)).toBe(400);
    }
    expect((await subscriptions()).some((row) => row.endpoint === good.endpoint)).toBe(false);
  });

  it('needs a signed-in user', async () => {
    const subscription = receiver.subscriptionFor();
    expect((await api(server, 'POST', '/api/push/subscriptions', { body: subscription })).status).toBe(401);
    expect(
      (await api(server, 'DELETE', '/api/push/subscriptions', { body: { endpoint: subscription.endpoint } }))
        .status,
    ).toBe(401);
  });
});

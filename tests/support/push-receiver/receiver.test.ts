import { createPrivateKey } from 'node:crypto';
import { request } from 'node:https';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptPushPayload } from '../../../server/push/encrypt';
import { createPushSender } from '../../../server/push/send';
import { createVapidSigner, generateVapidKeys } from '../../../server/push/vapid';
import { deterministicSubscription, startPushReceiver } from '../push-receiver';
import type { BrowserPushSubscription, PushReceiver } from '../push-receiver';

const subject = 'mailto:ops@queuebell.test';
const vapid = { ...generateVapidKeys(), subject };

/** One POST as a push sender would make it, with `change` applied to the headers; returns the status. */
function post(
  subscription: BrowserPushSubscription,
  change: (h: Record<string, string>) => void,
): Promise<number> {
  const body = encryptPushPayload(Buffer.from(JSON.stringify({ id: 'n1' })), subscription.keys);
  const url = new URL(subscription.endpoint);
  const headers: Record<string, string> = {
    TTL: '60',
    'Content-Encoding': 'aes128gcm',
    Authorization: createVapidSigner(vapid).authorizationFor(url.origin),
  };
  change(headers);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      res.resume().on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject).end(body);
  });
}

/** A JWT signed with the VAPID private key, with any claims. */
async function jwt(claims: Record<string, unknown>): Promise<string> {
  const point = Buffer.from(vapid.publicKey, 'base64url');
  const key = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
      d: vapid.privateKey,
    },
  });
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign(key);
}

let receiver: PushReceiver;
beforeAll(async () => {
  receiver = await startPushReceiver();
});
afterAll(() => receiver.close());

describe('push receiver', () => {
  it('accepts a well-formed push', async () => {
    expect(await post(receiver.subscriptionFor(), () => {})).toBe(201);
    expect(receiver.rejected).toEqual([]);
  });

  it('refuses VAPID tokens that are not signed by k, for another audience, or expiring too late', async () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const aud = receiver.origin;
    const withToken = (token: string, k = vapid.publicKey) => `vapid t=${token}, k=${k}`;
    const valid = await jwt({ aud, sub: subject, exp: inAnHour });
    const cases: Array<[RegExp, string | undefined]> = [
      [/signature verification failed/, withToken(valid, generateVapidKeys().publicKey)],
      [/no Authorization header/, undefined],
      [/"aud" claim/, createVapidSigner(vapid).authorizationFor('https://push.example.net')],
      [/"exp" claim timestamp/, withToken(await jwt({ aud, sub: subject, exp: inAnHour - 7200 }))],
      [/more than 24 h/, withToken(await jwt({ aud, sub: subject, exp: inAnHour + 24 * 3600 }))],
      [/not mailto: or https:/, withToken(await jwt({ aud, sub: 'ops@queuebell.test', exp: inAnHour }))],
      [/missing required "exp"/, withToken(await jwt({ aud, sub: subject }))],
    ];
    for (const [reason, authorization] of cases) {
      const before = receiver.rejected.length;
      const status = await post(receiver.subscriptionFor(), (h) => {
        if (authorization === undefined) delete h.Authorization;
        else h.Authorization = authorization;
      });
      expect(status, String(reason)).toBe(401);
      expect(receiver.rejected.slice(before)).toMatchObject([{ status: 401, reason }]);
    }
    expect(await post(receiver.subscriptionFor(), (h) => void (h.Authorization = withToken(valid)))).toBe(
      201,
    );
    expect(receiver.acceptedCount()).toBe(2);
  });

  it('refuses a missing TTL, an unknown endpoint and an undecryptable body', async () => {
    const subscription = receiver.subscriptionFor();
    expect(await post(subscription, (h) => void delete h.TTL)).toBe(400);
    expect(await post({ ...subscription, endpoint: `${receiver.origin}/push/nobody` }, () => {})).toBe(404);
    const stranger = { ...subscription, keys: receiver.subscriptionFor().keys };
    expect(await post(stranger, () => {})).toBe(400);
    expect(receiver.rejected.slice(-3).map((r) => r.status)).toEqual([400, 404, 400]);
  });

  it('refuses (403) a VAPID key other than the expected one', async () => {
    const strict = await startPushReceiver({ expectedVapidPublicKey: generateVapidKeys().publicKey });
    try {
      expect(await post(strict.subscriptionFor(), () => {})).toBe(403);
      expect(strict.rejected).toMatchObject([{ status: 403 }]);
    } finally {
      await strict.close();
    }
  });

  it('resolves waitFor as pushes arrive, and rejects it on timeout', async () => {
    const sender = createPushSender({ vapid });
    try {
      const subscription = receiver.subscriptionFor('bob');
      const id = receiver.endpointIdOf(subscription.endpoint);
      const waiting = receiver.waitFor((m) => m.endpointId === id);
      const counting = receiver.waitFor(receiver.acceptedCount() + 2);
      await sender.send(subscription, { n: 1 }, { ttlSeconds: 1 });
      await sender.send(subscription, { n: 2 }, { ttlSeconds: 1 });
      expect((await waiting).map((m) => m.payload)).toContainEqual({ n: 1 });
      expect((await counting).at(-1)?.payload).toEqual({ n: 2 });
      await expect(receiver.waitFor(() => false, 20)).rejects.toThrow(/within 20 ms/);
    } finally {
      sender.close();
    }
  });
});

describe('push receiver with a seed', () => {
  it('accepts subscriptions computed in another process, and can count without decrypting', async () => {
    const seed = 'bench-1';
    const decrypting = await startPushReceiver({ seed });
    const counting = await startPushReceiver({ seed, decrypt: false });
    const sender = createPushSender({ vapid });
    try {
      const sub = deterministicSubscription({ origin: decrypting.origin, seed, id: 'u42' });
      expect(decrypting.subscriptionFor('u42')).toEqual(sub);
      expect(await sender.send(sub, { hello: 'u42' }, { ttlSeconds: 5 })).toMatchObject({ kind: 'accepted' });
      expect(decrypting.received.map((m) => m.payload)).toEqual([{ hello: 'u42' }]);

      const subs = ['a', 'b', 'c'].map((id) =>
        deterministicSubscription({ origin: counting.origin, seed, id }),
      );
      await Promise.all(subs.map((s) => sender.send(s, { x: 1 }, { ttlSeconds: 5 })));
      await counting.waitFor(3);
      expect(counting.acceptedCount()).toBe(3);
      expect(counting.received).toEqual([]);
      expect([...decrypting.rejected, ...counting.rejected]).toEqual([]);
    } finally {
      sender.close();
      await Promise.all([decrypting.close(), counting.close()]);
    }
  });

  it('decrypts only the prefixed endpoints when counting, and serves them with their times', async () => {
    const seed = 'bench-2';
    const receiver = await startPushReceiver({ seed, decrypt: false, decryptPrefix: 'timed' });
    const sender = createPushSender({ vapid });
    const get = (path: string) =>
      new Promise<unknown>((resolve, reject) => {
        request(`${receiver.origin}${path}`, { agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(JSON.parse(text)));
        })
          .on('error', reject)
          .end();
      });
    try {
      const sent = Date.now();
      for (const id of ['u1', 'timed1', 'u2', 'timed2']) {
        const subscription = deterministicSubscription({ origin: receiver.origin, seed, id });
        await sender.send(subscription, { id }, { ttlSeconds: 5 });
      }
      expect(receiver.acceptedCount()).toBe(4);
      expect(receiver.received.map((m) => m.payload)).toEqual([{ id: 'timed1' }, { id: 'timed2' }]);
      expect(await get('/stats')).toMatchObject({ acceptedTotal: 4, receivedTotal: 2, rejectedTotal: 0 });
      const [second] = (await get('/received?from=1')) as Array<Record<string, unknown>>;
      expect(second).toMatchObject({ endpointId: 'timed2', payload: { id: 'timed2' } });
      const { arrivedAtMs, acceptedAtMs } = second as { arrivedAtMs: number; acceptedAtMs: number };
      expect(arrivedAtMs).toBeGreaterThanOrEqual(sent - 1);
      expect(acceptedAtMs).toBeGreaterThanOrEqual(arrivedAtMs);
      expect(acceptedAtMs).toBeLessThanOrEqual(Date.now() + 1);
    } finally {
      sender.close();
      await receiver.close();
    }
  });
});

import { createECDH, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import ece from 'http_ece';
import { afterAll, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { PushPayloadError } from './encrypt';
import { createEncryptPool } from './encrypt-pool';
import { ENCRYPT_NICE } from './encrypt-thread';

const pool = createEncryptPool(2, createLogger('silent'));
afterAll(async () => {
  await pool.close();
});

function userAgent() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') };
  return {
    keys,
    decrypt: (body: Buffer) => ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret }),
  };
}

it('encrypts in its threads what an independent implementation decrypts', async () => {
  const agents = Array.from({ length: 20 }, userAgent);
  const bodies = await Promise.all(
    agents.map((agent, index) => pool.encrypt(JSON.stringify({ id: index }), agent.keys)),
  );
  bodies.forEach((body, index) => {
    expect(JSON.parse(agents[index]?.decrypt(body).toString() ?? '')).toEqual({ id: index });
  });
  // The work ran in the pool's threads, none of which failed over to the main thread.
  expect(pool.threads()).toBe(2);
});

it('reports a bad subscription key as the payload error it is', async () => {
  const bad = {
    p256dh: Buffer.alloc(65, 1).toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
  await expect(pool.encrypt('{}', bad)).rejects.toBeInstanceOf(PushPayloadError);
  expect(pool.threads()).toBe(2);
});

it('answers each request of a large batch on its own, a bad key failing only its own message', async () => {
  // 400 requests in one event-loop turn: 200 per thread, more than its two messages in flight of at
  // most 64 each, so the rest wait for answers and go in later messages.
  const agents = Array.from({ length: 400 }, userAgent);
  const bad = {
    p256dh: Buffer.alloc(65, 1).toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
  const results = await Promise.allSettled(
    agents.map((agent, index) =>
      pool.encrypt(JSON.stringify({ id: index }), index === 77 ? bad : agent.keys),
    ),
  );
  results.forEach((result, index) => {
    if (index === 77) {
      expect(result.status === 'rejected' && result.reason instanceof PushPayloadError).toBe(true);
      return;
    }
    expect(result.status).toBe('fulfilled');
    if (result.status === 'fulfilled') {
      expect(JSON.parse(agents[index]?.decrypt(result.value).toString() ?? '')).toEqual({ id: index });
    }
  });
  expect(pool.threads()).toBe(2);
});

/** The nice value of each thread of this process (Linux's /proc: field 19 of a task's stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((task) => {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

it('runs its threads below the server, which keeps its own priority', async () => {
  const agent = userAgent();
  await Promise.all([1, 2].map((index) => pool.encrypt(JSON.stringify({ index }), agent.keys)));
  expect(threadNiceValues().filter((nice) => nice === ENCRYPT_NICE).length).toBeGreaterThanOrEqual(2);
  expect(getPriority()).toBe(0);
});

it('encrypts a priority message ahead of the ones queued before it', async () => {
  const agents = Array.from({ length: 300 }, userAgent);
  const order: string[] = [];
  const bulk = agents.map((agent, index) =>
    pool.encrypt(JSON.stringify({ index }), agent.keys).then(() => order.push(`bulk ${index}`)),
  );
  const call = userAgent();
  const urgent = pool.encrypt('{"call":1}', call.keys, true).then((body) => {
    order.push('call');
    return body;
  });
  expect(call.decrypt(await urgent).toString()).toBe('{"call":1}');
  await Promise.all(bulk);
  // Queued last, answered among the first: the bulk queued behind it waited.
  expect(order.indexOf('call')).toBeLessThan(150);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * A staff token slides on STAFF_IDLE_MINUTES, not the patients' 30 days: a console left idle on a shared
 * ward PC locks, and its token is dead on the server too. Idle time is made by moving the session's
 * last use back in SQL rather than waiting.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ STAFF_IDLE_MINUTES: '10' });
});
afterAll(() => server.stop());

async function sessionOf(userId: number) {
  const [row] = await server.ctx.sequelize.query<{ idle_seconds: number; left_seconds: number }>(
    `SELECT idle_seconds, extract(epoch FROM expires_at - now())::int AS left_seconds
       FROM sessions WHERE user_id = :userId ORDER BY id DESC LIMIT 1`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return row;
}

const idleFor = (userId: number, minutes: number, left: number) =>
  server.ctx.sequelize.query(
    `UPDATE sessions SET last_used_at = now() - make_interval(mins => :minutes),
                         expires_at = now() + make_interval(mins => :left) WHERE user_id = :userId`,
    { replacements: { userId, minutes, left } },
  );

it('gives staff a token that slides on the idle time and dies after it; patients keep 30 days', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const me = await api<{ staffIdleMinutes?: number }>(server, 'GET', '/api/me', { token: nurse.token });
  expect(me.body.staffIdleMinutes).toBe(10);
  const session = await sessionOf(nurse.id);
  expect(session?.idle_seconds).toBe(600);
  expect(session?.left_seconds).toBeLessThanOrEqual(600);

  // Used two minutes ago, eight left: a request slides it back to the full ten.
  await idleFor(nurse.id, 2, 8);
  expect((await api(server, 'GET', '/api/me', { token: nurse.token })).status).toBe(200);
  expect((await sessionOf(nurse.id))?.left_seconds).toBeGreaterThan(590);

  // Idle past the ten minutes: refused, as the locked console expects.
  await idleFor(nurse.id, 11, -1);
  expect((await api(server, 'GET', '/api/me', { token: nurse.token })).status).toBe(401);

  const patient = await signedInUser(server, 'patient');
  const mine = await api<{ staffIdleMinutes?: number }>(server, 'GET', '/api/me', { token: patient.token });
  expect(mine.body.staffIdleMinutes).toBeUndefined();
  expect((await sessionOf(patient.id))?.idle_seconds).toBe(30 * 24 * 60 * 60);
});

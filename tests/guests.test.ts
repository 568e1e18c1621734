import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { AuthAnswer, User } from '../shared/schemas';
import type { Ticket } from '../shared/tickets';
import { GUEST_LIMIT_PER_IP } from '../server/accounts/guests';
import { runRetention } from '../server/privacy/retention';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';

let server: TestServer;
let nurse: { token: string };

beforeAll(async () => {
  server = await startTestServer({ DEFAULT_PHONE_REGION: 'ES' });
  nurse = await signedInUser(server, 'nurse');
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
});
afterAll(async () => {
  await server.stop();
});

// Every request here comes from 127.0.0.1: each test starts with that address's count at nothing.
beforeEach(async () => {
  await server.ctx.sequelize.query(`DELETE FROM guest_signups`);
});

const guest = (body: unknown) =>
  api<AuthAnswer & { error?: { code: string } }>(server, 'POST', '/api/auth/guest', { body });

describe('guests', () => {
  it('join with a name, are patients, and upgrade to a full account keeping their ticket', async () => {
    const made = await guest({ name: 'Walk In', phone: '612 34 56 78', locale: 'es' });
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({
      guest: true,
      email: null,
      role: 'patient',
      phone: '+34612345678',
    });
    const { token } = made.body;
    const joined = await api<{ ticket: Ticket }>(server, 'POST', '/api/queues/OPD/tickets', { token });
    expect(joined.status).toBe(201);

    const taken = await signedInUser(server, 'patient');
    const clash = await api<{ error: { code: string } }>(server, 'POST', '/api/me/upgrade', {
      token,
      body: { email: taken.email, password: 'a long password' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('email_taken');

    const upgraded = await api<{ user: User }>(server, 'POST', '/api/me/upgrade', {
      token,
      body: { email: 'Walk.In@Example.org', password: 'a long password' },
    });
    expect(upgraded.body.user).toMatchObject({
      guest: false,
      email: 'walk.in@example.org',
      id: made.body.user.id,
    });
    const login = await api<AuthAnswer>(server, 'POST', '/api/auth/login', {
      body: { email: 'walk.in@example.org', password: 'a long password' },
    });
    expect(login.status).toBe(200);
    const mine = await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: login.body.token });
    expect(mine.body.map((ticket) => ticket.id)).toEqual([joined.body.ticket.id]);
    const again = await api(server, 'POST', '/api/me/upgrade', {
      token,
      body: { email: 'other@example.org', password: 'a long password' },
    });
    expect(again.status).toBe(409);
  });

  it('are limited per address', async () => {
    for (let i = 0; i < GUEST_LIMIT_PER_IP; i++) expect((await guest({ name: `G${i}` })).status).toBe(201);
    const before = await server.ctx.sequelize.query(`SELECT count(*) FROM users WHERE guest`);
    const refused = await guest({ name: 'One more' });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await server.ctx.sequelize.query(`SELECT count(*) FROM users WHERE guest`)).toEqual(before);
  });

  it('unused for 7 days are removed by retention, unless they hold a ticket; their past tickets are kept unlinked', async () => {
    const idle = (await guest({ name: 'Idle' })).body;
    const waiting = (await guest({ name: 'Waiting' })).body;
    const recent = (await guest({ name: 'Recent' })).body;
    const past = await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/OPD/tickets', {
      token: idle.token,
    });
    await api(server, 'DELETE', `/api/tickets/${past.body.ticket.id}`, { token: idle.token });
    await api(server, 'POST', '/api/queues/OPD/tickets', { token: waiting.token });
    const old = [idle.user.id, waiting.user.id];
    await server.ctx.sequelize.query(
      `UPDATE users SET created_at = now() - interval '8 days' WHERE id IN (:old);
       UPDATE sessions SET last_used_at = now() - interval '8 days' WHERE user_id IN (:old)`,
      { replacements: { old } },
    );
    const retention = (dryRun: boolean) =>
      runRetention(server.ctx.sequelize, { retentionDays: 90, now: new Date(), dryRun });
    expect((await retention(true)).guestsRemoved).toBe(1);
    const done = await retention(false);
    expect([done.guestsRemoved, done.guestTicketsUnlinked]).toEqual([1, 1]);
    const [kept] = await server.ctx.sequelize.query<{ user_id: number | null }>(
      `SELECT user_id FROM tickets WHERE id = :id`,
      { replacements: { id: past.body.ticket.id }, type: QueryTypes.SELECT },
    );
    expect(kept).toEqual({ user_id: null });
    const left = await server.ctx.sequelize.query<{ id: number }>(
      `SELECT id FROM users WHERE id IN (:ids) ORDER BY id`,
      { replacements: { ids: [...old, recent.user.id] }, type: QueryTypes.SELECT },
    );
    expect(left.map((row) => Number(row.id))).toEqual([waiting.user.id, recent.user.id]);
    expect((await api(server, 'GET', '/api/me', { token: idle.token })).status).toBe(401);
  });
});

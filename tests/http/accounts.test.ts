import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

async function count(table: string): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`, {
    type: QueryTypes.SELECT,
  });
  return row?.n ?? -1;
}

const patient = (email: string) => ({ email, password: 'a long enough password', name: 'Pat Patient' });

describe('register, login, logout, me', () => {
  it('registers a patient, signs in, reads /api/me and signs out', async () => {
    const registered = await api<{ token: string; user: Record<string, unknown> }>(
      server,
      'POST',
      '/api/auth/register',
      {
        body: { ...patient('Pat@Example.org'), locale: 'es' },
      },
    );
    expect(registered.status).toBe(201);
    expect(registered.body.user).toMatchObject({
      email: 'pat@example.org',
      role: 'patient',
      locale: 'es',
      name: 'Pat Patient',
    });
    expect(registered.body.user).not.toHaveProperty('passwordHash');

    const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      body: { email: 'pat@example.org', password: 'a long enough password' },
    });
    expect(login.status).toBe(200);
    const me = await api<{ user: { email: string } }>(server, 'GET', '/api/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe('pat@example.org');

    const logout = await api(server, 'POST', '/api/auth/logout', { token: login.body.token });
    expect(logout.status).toBe(204);
    expect((await api(server, 'GET', '/api/me', { token: login.body.token })).status).toBe(401);
    // The other session (from registering) is untouched.
    expect((await api(server, 'GET', '/api/me', { token: registered.body.token })).status).toBe(200);
  });

  it('stores tokens and passwords only hashed', async () => {
    const registered = await api<{ token: string }>(server, 'POST', '/api/auth/register', {
      body: patient('hash@example.org'),
    });
    const rows = await server.ctx.sequelize.query<{ token_hash: string; password_hash: string }>(
      `SELECT s.token_hash, u.password_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'hash@example.org'`,
      { type: QueryTypes.SELECT },
    );
    expect(rows[0]?.token_hash).not.toContain(registered.body.token);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a second account with the same email (any case) with 409 email_taken', async () => {
    await api(server, 'POST', '/api/auth/register', { body: patient('twice@example.org') });
    const again = await api<{ error: { code: string } }>(server, 'POST', '/api/auth/register', {
      body: patient('TWICE@example.org'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    await api(server, 'POST', '/api/auth/register', { body: patient('known@example.org') });
    const wrong = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'known@example.org', password: 'nope nope' },
    });
    const unknown = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'ghost@example.org', password: 'nope nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('rejects a revoked, an expired and a made-up token with 401', async () => {
    const user = await signedInUser(server, 'patient');
    await server.ctx.sequelize.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = :id`,
      {
        replacements: { id: user.id },
      },
    );
    expect((await api(server, 'GET', '/api/me', { token: user.token })).status).toBe(401);
    expect((await api(server, 'GET', '/api/me', { token: 'x'.repeat(43) })).status).toBe(401);
    expect((await api(server, 'GET', '/api/me')).status).toBe(401);
    expect((await api(server, 'GET', '/api/me', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('slides the expiry forward when a token is used', async () => {
    const user = await signedInUser(server, 'patient');
    await server.ctx.sequelize.query(
      `UPDATE sessions SET expires_at = now() + interval '1 day', last_used_at = now() - interval '1 hour' WHERE user_id = :id`,
      { replacements: { id: user.id } },
    );
    expect((await api(server, 'GET', '/api/me', { token: user.token })).status).toBe(200);
    const [row] = await server.ctx.sequelize.query<{ days: number }>(
      `SELECT extract(epoch FROM expires_at - now()) / 86400 AS days FROM sessions WHERE user_id = :id`,
      { replacements: { id: user.id }, type: QueryTypes.SELECT },
    );
    expect(Number(row?.days)).toBeGreaterThan(29);
  });

  it('answers the 11th failed login in 15 minutes with 429 and Retry-After, even with the right password', async () => {
    await api(server, 'POST', '/api/auth/register', { body: patient('limited@example.org') });
    for (let attempt = 1; attempt <= 10; attempt++) {
      const failed = await api(server, 'POST', '/api/auth/login', {
        body: { email: 'limited@example.org', password: 'wrong guess' },
      });
      expect(failed.status).toBe(401);
    }
    const blocked = await api<{ error: { code: string } }>(server, 'POST', '/api/auth/login', {
      body: { email: 'limited@example.org', password: 'a long enough password' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another email from the same address is not blocked.
    const other = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'other@example.org', password: 'wrong guess' },
    });
    expect(other.status).toBe(401);
  });
});

describe('bad input changes nothing', () => {
  const cases: Array<
    [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string]
  > = [
    ['malformed JSON', { rawBody: '{"email": "a@b.co",' }, 400, 'validation_failed'],
    [
      'an empty body',
      { rawBody: '', headers: { 'content-type': 'application/json' } },
      400,
      'validation_failed',
    ],
    [
      'a missing field',
      { body: { email: 'm@example.org', password: 'long enough pw' } },
      400,
      'validation_failed',
    ],
    ['an unknown field', { body: { ...patient('x@example.org'), role: 'admin' } }, 400, 'validation_failed'],
    ['a wrong type', { body: { ...patient('y@example.org'), name: 42 } }, 400, 'validation_failed'],
    ['a bad email', { body: { ...patient('not-an-email') } }, 400, 'validation_failed'],
    [
      'a short password',
      { body: { ...patient('z@example.org'), password: 'short' } },
      400,
      'validation_failed',
    ],
    ['a JSON array', { body: [1, 2] }, 400, 'validation_failed'],
    [
      'a 65 KiB body',
      { body: { ...patient('big@example.org'), name: 'n'.repeat(65 * 1024) } },
      413,
      'payload_too_large',
    ],
    [
      'a non-JSON content type',
      { rawBody: 'email=a', headers: { 'content-type': 'text/plain' } },
      400,
      'validation_failed',
    ],
  ];
  for (const [label, request, status, code] of cases) {
    it(`register with ${label} → ${status} ${code}`, async () => {
      const before = await count('users');
      const response = await api<{ error: { code: string; message: string; details?: unknown[] } }>(
        server,
        'POST',
        '/api/auth/register',
        request,
      );
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toEqual(expect.any(String));
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts|SELECT|INSERT/);
      expect(await count('users')).toBe(before);
    });
  }

  it('lists each problem in details with its path', async () => {
    const response = await api<{ error: { details: Array<{ path: string }> } }>(
      server,
      'POST',
      '/api/auth/register',
      {
        body: { email: 'bad', password: 'x', name: '', extra: true },
      },
    );
    const paths = response.body.error.details.map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.name', 'body']));
  });
});

describe('preferences', () => {
  it('defaults to all departments with push and email on and SMS off, and saves a choice', async () => {
    const user = await signedInUser(server, 'patient');
    const initial = await api(server, 'GET', '/api/me/preferences', { token: user.token });
    expect(initial.body).toEqual({ departments: 'all', push: true, email: true, sms: false, locale: 'en' });
    const saved = await api(server, 'PUT', '/api/me/preferences', {
      token: user.token,
      body: { departments: ['lab', 'OPD'], push: false, email: false, locale: 'fr' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      departments: ['LAB', 'OPD'],
      push: false,
      email: false,
      sms: false,
      locale: 'fr',
    });
    expect((await api(server, 'GET', '/api/me/preferences', { token: user.token })).body).toEqual(saved.body);
  });

  it('refuses unknown departments and fields, changing nothing', async () => {
    const user = await signedInUser(server, 'patient');
    const unknown = await api(server, 'PUT', '/api/me/preferences', {
      token: user.token,
      body: { departments: ['NOPE'], push: true, locale: 'en' },
    });
    expect(unknown.status).toBe(400);
    const extra = await api(server, 'PUT', '/api/me/preferences', {
      token: user.token,
      body: { departments: 'all', push: true, locale: 'en', vibrate: true },
    });
    expect(extra.status).toBe(400);
    expect((await api(server, 'GET', '/api/me/preferences', { token: user.token })).body).toEqual({
      departments: 'all',
      push: true,
      email: true,
      sms: false,
      locale: 'en',
    });
  });

  it('is for patients only', async () => {
    const nurse = await signedInUser(server, 'nurse');
    expect((await api(server, 'GET', '/api/me/preferences', { token: nurse.token })).status).toBe(403);
    expect((await api(server, 'GET', '/api/me/preferences')).status).toBe(401);
  });
});

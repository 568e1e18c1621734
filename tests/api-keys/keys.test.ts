import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from '../../shared/api-keys';
import type { AdminLogPage } from '../../shared/staff';
import type { Ticket } from '../../shared/tickets';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * API keys (issue 21): made and revoked by admins, their secret shown once and kept only hashed, held to
 * their scopes on every route, stopped at once by revocation, their use recorded; and the admin log.
 */

let server: TestServer;
let admin: { token: string; id: number };

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', { token: admin.token, body: { code: 'KEYS', name: 'Keys' } });
});
afterAll(async () => {
  await server.stop();
});

async function makeKey(scopes: ApiKeyScope[], name = 'Registration desk'): Promise<CreatedApiKey> {
  const made = await api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
    token: admin.token,
    body: { name, scopes },
  });
  expect(made.status).toBe(201);
  return made.body;
}

const openQueue = (secret: string) =>
  api<{ status?: { isOpen: boolean }; error?: { code: string } }>(server, 'POST', '/api/queues/KEYS/open', {
    token: secret,
    body: {},
  });
const closeQueue = () => api(server, 'POST', '/api/queues/KEYS/close', { token: admin.token, body: {} });

describe('making and listing keys', () => {
  it('answers the key and a qb_ secret once, keeps only its hash, and never lists secrets', async () => {
    const { apiKey, secret } = await makeKey(['read', 'queues']);
    expect(secret).toMatch(/^qb_[A-Za-z0-9_-]{40,}$/);
    expect(apiKey).toEqual({
      id: expect.any(Number),
      name: 'Registration desk',
      scopes: ['read', 'queues'],
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    const listed = await api<ApiKey[]>(server, 'GET', '/api/api-keys', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body.find((key) => key.id === apiKey.id)).toEqual(apiKey);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const rows = await server.ctx.sequelize.query<{ secret_hash: string }>(
      'SELECT secret_hash FROM api_keys WHERE id = :id',
      { replacements: { id: apiKey.id }, type: QueryTypes.SELECT },
    );
    expect(rows[0]?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('refuses an unknown scope, no scope at all, or a key made by a nurse', async () => {
    const bad = await api(server, 'POST', '/api/api-keys', {
      token: admin.token,
      body: { name: 'x', scopes: ['admin'] },
    });
    expect(bad.status).toBe(400);
    const none = await api(server, 'POST', '/api/api-keys', {
      token: admin.token,
      body: { name: 'x', scopes: [] },
    });
    expect(none.status).toBe(400);
    const nurse = await signedInUser(server, 'nurse');
    const byNurse = await api(server, 'POST', '/api/api-keys', {
      token: nurse.token,
      body: { name: 'x', scopes: ['read'] },
    });
    expect(byNurse.status).toBe(403);
  });
});

describe('scopes', () => {
  it('refuses open to a key without queues (403 insufficient_scope), changing nothing', async () => {
    await closeQueue();
    const { secret } = await makeKey(['read', 'tickets']);
    const refused = await openQueue(secret);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('insufficient_scope');
    const status = await api<{ isOpen: boolean }>(server, 'GET', '/api/queues/KEYS');
    expect(status.body.isOpen).toBe(false);
  });

  it('lets a key with queues open a queue, named in the audit as the admin who made it', async () => {
    await closeQueue();
    const { secret } = await makeKey(['queues']);
    const opened = await openQueue(secret);
    expect(opened.status).toBe(200);
    expect(opened.body.status?.isOpen).toBe(true);
    const log = await api<Array<{ changedBy: { id: number } | null; newStatus: string }>>(
      server,
      'GET',
      '/api/queues/KEYS/log',
      { token: admin.token },
    );
    expect(log.body[0]).toMatchObject({ newStatus: 'open', changedBy: { id: admin.id } });
  });

  it('keeps even a key with every scope off admin, patient and account routes', async () => {
    const { secret } = await makeKey(['read', 'queues', 'tickets', 'appointments']);
    for (const [method, path] of [
      ['GET', '/api/staff'],
      ['GET', '/api/api-keys'],
      ['GET', '/api/admin/log'],
      ['GET', '/api/me'],
      ['GET', '/api/tickets/mine'],
      ['GET', '/api/notifications'],
    ] as const) {
      const answer = await api<{ error?: { code: string } }>(server, method, path, { token: secret });
      expect([path, answer.status, answer.body.error?.code]).toEqual([path, 403, 'insufficient_scope']);
    }
  });

  it('lets a read key make a nurse GET, and nothing that changes data', async () => {
    const { secret } = await makeKey(['read']);
    const departments = await api(server, 'GET', '/api/departments', { token: secret });
    expect(departments.status).toBe(200);
    const call = await api<{ error?: { code: string } }>(server, 'POST', '/api/queues/KEYS/call-next', {
      token: secret,
      body: { room: '1' },
    });
    expect(call.body.error?.code).toBe('insufficient_scope');
  });
});

describe('joining a patient on their behalf', () => {
  it('joins the patient a tickets key names; a patient cannot name another', async () => {
    await api(server, 'POST', '/api/queues/KEYS/open', { token: admin.token, body: {} });
    const patient = await signedInUser(server, 'patient');
    const other = await signedInUser(server, 'patient');
    const { secret } = await makeKey(['tickets']);
    const joined = await api<{ ticket: Ticket }>(server, 'POST', '/api/queues/KEYS/tickets', {
      token: secret,
      body: { patientId: patient.id },
    });
    expect(joined.status).toBe(201);
    const mine = await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: patient.token });
    expect(mine.body.map((ticket) => ticket.id)).toEqual([joined.body.ticket.id]);

    const byPatient = await api(server, 'POST', '/api/queues/KEYS/tickets', {
      token: other.token,
      body: { patientId: patient.id },
    });
    expect(byPatient.status).toBe(403);
    const withoutPatient = await api(server, 'POST', '/api/queues/KEYS/tickets', { token: secret, body: {} });
    expect(withoutPatient.status).toBe(400);
    const staffAsPatient = await api(server, 'POST', '/api/queues/KEYS/tickets', {
      token: secret,
      body: { patientId: admin.id },
    });
    expect(staffAsPatient.status).toBe(404);
  });
});

describe('revoking and using keys', () => {
  it('stops a revoked key at once (401) and 404s a second revocation', async () => {
    await closeQueue();
    const { apiKey, secret } = await makeKey(['queues']);
    const revoked = await api(server, 'DELETE', `/api/api-keys/${apiKey.id}`, { token: admin.token });
    expect(revoked.status).toBe(204);
    const after = await api<{ error?: { code: string } }>(server, 'POST', '/api/queues/KEYS/open', {
      token: secret,
      body: {},
    });
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe('unauthenticated');
    const again = await api(server, 'DELETE', `/api/api-keys/${apiKey.id}`, { token: admin.token });
    expect(again.status).toBe(404);
    const listed = await api<ApiKey[]>(server, 'GET', '/api/api-keys', { token: admin.token });
    expect(listed.body.map((key) => key.id)).not.toContain(apiKey.id);
  });

  it('records lastUsedAt on use', async () => {
    const { apiKey, secret } = await makeKey(['read']);
    await api(server, 'GET', '/api/departments', { token: secret });
    const listed = await api<ApiKey[]>(server, 'GET', '/api/api-keys', { token: admin.token });
    const used = listed.body.find((key) => key.id === apiKey.id);
    expect(used?.lastUsedAt).toEqual(expect.any(String));
    expect(Date.parse(used?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(apiKey.createdAt));
  });

  it('stops the keys of an admin who is disabled', async () => {
    const other = await signedInUser(server, 'admin');
    const made = await api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
      token: other.token,
      body: { name: 'Bed manager', scopes: ['read'] },
    });
    expect((await api(server, 'GET', '/api/departments', { token: made.body.secret })).status).toBe(200);
    await api(server, 'PATCH', `/api/staff/${other.id}`, { token: admin.token, body: { disabled: true } });
    expect((await api(server, 'GET', '/api/departments', { token: made.body.secret })).status).toBe(401);
  });

  it('writes the making and the revoking of a key in the admin log, never its secret', async () => {
    const { apiKey, secret } = await makeKey(['read'], 'Logged key');
    await api(server, 'DELETE', `/api/api-keys/${apiKey.id}`, { token: admin.token });
    const log = await api<AdminLogPage>(server, 'GET', '/api/admin/log?limit=10', { token: admin.token });
    const entries = log.body.items.filter((item) => item.target === `api_key:${apiKey.id}`);
    expect(entries.map((entry) => [entry.action, entry.actor?.id])).toEqual([
      ['api_key.revoked', admin.id],
      ['api_key.created', admin.id],
    ]);
    expect(entries[1]?.details.after).toEqual({ name: 'Logged key', scopes: ['read'] });
    expect(JSON.stringify(log.body)).not.toContain(secret);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { CreatedApiKey } from '../../shared/api-keys';
import type { CreatedStaff } from '../../shared/staff';
import type { Ticket } from '../../shared/tickets';
import { forgetIdempotencyRecords, userCaller } from '../../server/accounts/idempotency-records';
import { api, signedInUser } from '../support/server';
import type { ApiResponse, TestServer } from '../support/server';
import { startTestServer } from '../support/server';

/**
 * `Idempotency-Key` on the routes that create (issue 21): a repeat answers the first answer and acts
 * once, also when two arrive at once; the same key with another body is 422; a key over 255 is 400.
 */

let server: TestServer;
let admin: { token: string; id: number };
let desk: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', { token: admin.token, body: { code: 'IDEM', name: 'Idem' } });
  await api(server, 'POST', '/api/queues/IDEM/open', { token: admin.token, body: {} });
  const made = await api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
    token: admin.token,
    body: { name: 'Desk', scopes: ['tickets'] },
  });
  desk = made.body.secret;
});
afterAll(async () => {
  await server.stop();
});

const join = (patientId: number, key: string, department = 'IDEM') =>
  api<{ ticket: Ticket; error?: { code: string } }>(server, 'POST', `/api/queues/${department}/tickets`, {
    token: desk,
    body: { patientId },
    headers: { 'idempotency-key': key },
  });

async function ticketCount(userId: number): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ count: string }>(
    'SELECT count(*) AS count FROM tickets WHERE user_id = :userId',
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return Number(row?.count);
}

describe('Idempotency-Key', () => {
  it('answers a repeated join with the first answer and makes one ticket', async () => {
    const patient = await signedInUser(server, 'patient');
    const first = await join(patient.id, 'join-1');
    expect(first.status).toBe(201);
    const second = await join(patient.id, 'join-1');
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await ticketCount(patient.id)).toBe(1);
    // Without the key, the same request acts again: the contract's 409.
    const plain = await api<{ error?: { code: string } }>(server, 'POST', '/api/queues/IDEM/tickets', {
      token: desk,
      body: { patientId: patient.id },
    });
    expect(plain.body.error?.code).toBe('already_in_queue');
  });

  it('acts once when two identical joins arrive at once', async () => {
    const patient = await signedInUser(server, 'patient');
    const answers: ApiResponse<{ ticket: Ticket; error?: { code: string } }>[] = await Promise.all([
      join(patient.id, 'join-together'),
      join(patient.id, 'join-together'),
    ]);
    expect(await ticketCount(patient.id)).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    // The other either waited for nothing (its first answer) or found the first still running (409, retry).
    for (const answer of answers.filter((candidate) => candidate.status !== 201)) {
      expect([answer.status, answer.body.error?.code]).toEqual([409, 'idempotency_in_progress']);
    }
    for (const answer of created) expect(answer.body.ticket.id).toBe(created[0]?.body.ticket.id);
    const retried = await join(patient.id, 'join-together');
    expect(retried.body.ticket.id).toBe(created[0]?.body.ticket.id);
    expect(await ticketCount(patient.id)).toBe(1);
  });

  it('refuses the same key with another body (422) and changes nothing', async () => {
    const patient = await signedInUser(server, 'patient');
    const other = await signedInUser(server, 'patient');
    await join(patient.id, 'join-reused');
    const reused = await join(other.id, 'join-reused');
    expect(reused.status).toBe(422);
    expect(reused.body.error?.code).toBe('idempotency_key_reused');
    expect(await ticketCount(other.id)).toBe(0);
  });

  it('refuses a key longer than 255 characters (400) before acting', async () => {
    const patient = await signedInUser(server, 'patient');
    const tooLong = await join(patient.id, 'k'.repeat(256));
    expect(tooLong.status).toBe(400);
    expect(await ticketCount(patient.id)).toBe(0);
    expect((await join(patient.id, 'k'.repeat(255))).status).toBe(201);
  });

  it('keeps keys per caller: another caller with the same key acts for itself', async () => {
    const patient = await signedInUser(server, 'patient');
    const own = await api<{ ticket: Ticket }>(server, 'POST', '/api/queues/IDEM/tickets', {
      token: patient.token,
      headers: { 'idempotency-key': 'join-1' },
    });
    expect(own.status).toBe(201);
    expect(await ticketCount(patient.id)).toBe(1);
  });

  it('does not keep a failure: a retry after the queue opens acts', async () => {
    await api(server, 'POST', '/api/departments', {
      token: admin.token,
      body: { code: 'IDEM2', name: 'Two' },
    });
    const patient = await signedInUser(server, 'patient');
    const closed = await join(patient.id, 'join-later', 'IDEM2');
    expect(closed.body.error?.code).toBe('queue_closed');
    await api(server, 'POST', '/api/queues/IDEM2/open', { token: admin.token, body: {} });
    expect((await join(patient.id, 'join-later', 'IDEM2')).status).toBe(201);
  });

  it('replays a created staff account with its one-time password, which is stored only encrypted', async () => {
    const body = { email: 'idem-nurse@test.example', name: 'Idem Nurse', role: 'nurse' };
    const create = () =>
      api<CreatedStaff>(server, 'POST', '/api/staff', {
        token: admin.token,
        body,
        headers: { 'idempotency-key': 'staff-1' },
      });
    const first = await create();
    expect(first.status).toBe(201);
    const second = await create();
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const password = first.body.password ?? '';
    expect(password.length).toBeGreaterThan(0);
    const rows = await server.ctx.sequelize.query<{ answer: Buffer }>(
      `SELECT answer FROM idempotency_keys WHERE caller = :caller`,
      { replacements: { caller: `user:${admin.id}` }, type: QueryTypes.SELECT },
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.answer.toString('latin1')).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain('staff-1');
  });

  it('makes one API key for a repeated creation, answering the same secret', async () => {
    const create = () =>
      api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
        token: admin.token,
        body: { name: 'Retried desk', scopes: ['read'] },
        headers: { 'idempotency-key': 'key-1' },
      });
    const [first, second] = [await create(), await create()];
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const [row] = await server.ctx.sequelize.query<{ count: string }>(
      `SELECT count(*) AS count FROM api_keys WHERE name = 'Retried desk'`,
      { type: QueryTypes.SELECT },
    );
    expect(Number(row?.count)).toBe(1);
  });

  it("gives the account deletion a way to forget a person's kept answers", async () => {
    const patient = await signedInUser(server, 'patient');
    await api(server, 'POST', '/api/queues/IDEM/tickets', {
      token: patient.token,
      headers: { 'idempotency-key': 'mine' },
    });
    const kept = () =>
      server.ctx.sequelize.query('SELECT 1 FROM idempotency_keys WHERE caller = :caller', {
        replacements: { caller: userCaller(patient.id) },
        type: QueryTypes.SELECT,
      });
    expect(await kept()).toHaveLength(1);
    expect(await forgetIdempotencyRecords(server.ctx.sequelize, patient.id)).toBe(1);
    expect(await kept()).toHaveLength(0);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AdminLogEntry, AdminLogPage, Staff } from '../../shared/staff';
import { FIRST_ADMIN_EMAIL } from '../../server/bootstrap';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { staffMember } from '../support/staff';

/**
 * The admin's side: the last active admin can be neither disabled nor demoted (also when two admins
 * disable each other at once), a password reset ends every session, and every change through these
 * routes and every staff sign-in is in the admin log with who, what, before and after.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const patch = (token: string, id: number, body: unknown) =>
  api<{ staff: Staff; error?: { code: string } }>(server, 'PATCH', `/api/staff/${id}`, { token, body });
const codeOf = (answer: { status: number; body: { error?: { code: string } } }) => [
  answer.status,
  answer.body.error?.code,
];

async function logOf(token: string, limit = 200): Promise<AdminLogEntry[]> {
  const page = await api<AdminLogPage>(server, 'GET', `/api/admin/log?limit=${limit}`, { token });
  expect(page.status).toBe(200);
  return page.body.items;
}

it('never leaves the hospital without an active admin', async () => {
  const ada = await signedInUser(server, 'admin', { name: 'Ada Admin' });
  const staff = await api<Staff[]>(server, 'GET', '/api/staff', { token: ada.token });
  const first = staff.body.find((member) => member.email === FIRST_ADMIN_EMAIL);
  expect(first).toMatchObject({ role: 'admin', disabled: false, departments: 'all' });
  expect((await patch(ada.token, first?.id ?? 0, { disabled: true })).status).toBe(200);

  // Ada is the only active admin now: she can neither disable nor demote herself.
  expect(codeOf(await patch(ada.token, ada.id, { disabled: true }))).toEqual([409, 'last_admin']);
  expect(codeOf(await patch(ada.token, ada.id, { role: 'nurse' }))).toEqual([409, 'last_admin']);
  // Renaming is no threat, and a disabled admin made active again counts again.
  expect((await patch(ada.token, ada.id, { name: 'Ada A.' })).status).toBe(200);
  expect((await patch(ada.token, first?.id ?? 0, { disabled: false })).status).toBe(200);
  expect((await patch(ada.token, ada.id, { role: 'nurse' })).status).toBe(200);
  expect((await api(server, 'GET', '/api/staff', { token: ada.token })).status).toBe(403);
});

it('lets only one of two admins disabling each other at once succeed', async () => {
  const boss = await signedInUser(server, 'admin');
  const everyone = await api<Staff[]>(server, 'GET', '/api/staff', { token: boss.token });
  // Every other admin disabled, then two left to race.
  for (const member of everyone.body.filter((m) => m.role === 'admin' && m.id !== boss.id && !m.disabled)) {
    expect((await patch(boss.token, member.id, { disabled: true })).status).toBe(200);
  }
  const rival = await staffMember(server, boss.token, {
    email: 'rival@ward.example',
    name: 'Rival',
    role: 'admin',
  });
  const answers = await Promise.all([
    patch(boss.token, rival.id, { disabled: true }),
    patch(rival.token, boss.id, { disabled: true }),
  ]);
  // The loser is refused as the last admin, or, when the winner committed before the loser's request was
  // even signed in, as a disabled account whose session has ended (401).
  const winners = answers.filter((answer) => answer.status === 200);
  const losers = answers.filter((answer) => answer.status !== 200).map(codeOf);
  expect(winners).toHaveLength(1);
  expect([[[409, 'last_admin']], [[401, 'unauthenticated']]]).toContainEqual(losers);
  const after = await api<Staff[]>(server, 'GET', '/api/staff', {
    token: winners[0] === answers[0] ? boss.token : rival.token,
  });
  const active = after.body.filter((member) => member.role === 'admin' && !member.disabled);
  expect(active.map((member) => member.id)).toEqual([winners[0] === answers[0] ? boss.id : rival.id]);
});

it('resets a password: a new one shown once, every session ended, the old password refused', async () => {
  const admin = await signedInUser(server, 'admin');
  const nurse = await staffMember(server, admin.token, {
    email: 'nina@ward.example',
    name: 'Nina',
    role: 'nurse',
  });
  const secondDevice = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
    body: { email: nurse.email, password: nurse.password },
  });
  const reset = await api<{ password: string }>(server, 'POST', `/api/staff/${nurse.id}/reset-password`, {
    token: admin.token,
  });
  expect(reset.status).toBe(200);
  expect(reset.body.password).toMatch(/^[\w-]{16}$/);
  for (const token of [nurse.token, secondDevice.body.token]) {
    expect((await api(server, 'GET', '/api/me', { token })).status).toBe(401);
  }
  const old = await api(server, 'POST', '/api/auth/login', {
    body: { email: nurse.email, password: nurse.password },
  });
  expect(old.status).toBe(401);
  const fresh = await api(server, 'POST', '/api/auth/login', {
    body: { email: nurse.email, password: reset.body.password },
  });
  expect(fresh.status).toBe(200);
  // Not a patient's account, and not an email already in use.
  const patient = await signedInUser(server, 'patient');
  expect(
    (await api(server, 'POST', `/api/staff/${patient.id}/reset-password`, { token: admin.token })).status,
  ).toBe(404);
  const taken = await api<{ error?: { code: string } }>(server, 'POST', '/api/staff', {
    token: admin.token,
    body: { email: patient.email, name: 'Taken', role: 'nurse' },
  });
  expect(codeOf(taken)).toEqual([409, 'email_taken']);
});

it('logs every admin change and every staff sign-in, with who, what, before and after', async () => {
  const admin = await signedInUser(server, 'admin', { name: 'Logging Admin' });
  const token = admin.token;
  const created = await api<{ staff: Staff; password?: string }>(server, 'POST', '/api/staff', {
    token,
    body: {
      email: 'lou@ward.example',
      name: 'Lou',
      role: 'nurse',
      departments: ['LAB'],
      password: 'lous-password-1',
    },
  });
  expect(created.status).toBe(201);
  expect(created.body.password).toBeUndefined();
  const lou = created.body.staff;
  await api(server, 'POST', '/api/auth/login', {
    body: { email: 'lou@ward.example', password: 'lous-password-1' },
  });
  await patch(token, lou.id, { departments: ['LAB', 'OPD'], name: 'Lou Nurse' });
  await patch(token, lou.id, { disabled: true });
  await patch(token, lou.id, { disabled: true }); // no change: no entry
  await api(server, 'POST', `/api/staff/${lou.id}/reset-password`, { token });
  await api(server, 'POST', '/api/departments', { token, body: { code: 'XRAY', name: 'Radiology' } });
  await api(server, 'PATCH', '/api/departments/XRAY', {
    token,
    body: { rooms: ['1', '2'], longWaitMinutes: 30 },
  });
  const patient = await signedInUser(server, 'patient');

  const mine = (await logOf(token)).filter(
    (entry) => entry.actor?.id === admin.id || entry.target === `staff:${lou.id}`,
  );
  const actor = { id: admin.id, name: 'Logging Admin' };
  expect(
    mine
      .reverse()
      .map(({ action, target, actor: who, details }) => ({ action, target, actor: who, details })),
  ).toEqual([
    {
      action: 'staff.signed_in',
      target: `staff:${admin.id}`,
      actor,
      details: {
        before: { lastSeenAt: null },
        after: { lastSeenAt: expect.any(String) },
        ip: expect.any(String),
      },
    },
    {
      action: 'staff.created',
      target: `staff:${lou.id}`,
      actor,
      details: {
        before: null,
        after: {
          id: lou.id,
          email: 'lou@ward.example',
          name: 'Lou',
          role: 'nurse',
          disabled: false,
          departments: ['LAB'],
        },
      },
    },
    {
      action: 'staff.signed_in',
      target: `staff:${lou.id}`,
      // The actor's name as it is now: the id is what stays.
      actor: { id: lou.id, name: 'Lou Nurse' },
      details: {
        before: { lastSeenAt: null },
        after: { lastSeenAt: expect.any(String) },
        ip: expect.any(String),
      },
    },
    {
      action: 'staff.updated',
      target: `staff:${lou.id}`,
      actor,
      details: {
        before: { name: 'Lou', departments: ['LAB'] },
        after: { name: 'Lou Nurse', departments: ['LAB', 'OPD'] },
      },
    },
    {
      action: 'staff.updated',
      target: `staff:${lou.id}`,
      actor,
      details: { before: { disabled: false }, after: { disabled: true } },
    },
    {
      action: 'staff.password_reset',
      target: `staff:${lou.id}`,
      actor,
      details: { before: { activeSessions: 0 }, after: { activeSessions: 0 } },
    },
    {
      action: 'department.created',
      target: 'department:XRAY',
      actor,
      details: {
        before: null,
        after: {
          code: 'XRAY',
          name: 'Radiology',
          rooms: [],
          alertPosition: 3,
          escalateAfterSeconds: 30,
          longWaitMinutes: 40,
          archived: false,
        },
      },
    },
    {
      action: 'department.updated',
      target: 'department:XRAY',
      actor,
      details: {
        before: { rooms: [], longWaitMinutes: 40 },
        after: { rooms: ['1', '2'], longWaitMinutes: 30 },
      },
    },
  ]);
  // A patient's sign-in is not staff business.
  expect((await logOf(token)).some((entry) => entry.target === `staff:${patient.id}`)).toBe(false);
});

it('pages the log newest first with before=', async () => {
  const admin = await signedInUser(server, 'admin');
  const all = await logOf(admin.token);
  const first = await api<AdminLogPage>(server, 'GET', '/api/admin/log?limit=2', { token: admin.token });
  expect(first.body.items.map((entry) => entry.id)).toEqual(all.slice(0, 2).map((entry) => entry.id));
  const second = await api<AdminLogPage>(
    server,
    'GET',
    `/api/admin/log?limit=2&before=${first.body.nextCursor}`,
    {
      token: admin.token,
    },
  );
  expect(second.body.items.map((entry) => entry.id)).toEqual(all.slice(2, 4).map((entry) => entry.id));
  const ids = all.map((entry) => entry.id);
  expect([...ids].sort((a, b) => b - a)).toEqual(ids);
});

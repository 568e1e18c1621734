import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createECDH, randomBytes } from 'node:crypto';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { databaseDigest } from './support/digest';
import { seedRecords, SCHEDULE_BODY } from './support/records';
import type { RecordIds } from './support/records';
import { listApiRoutes } from './support/routes';
import { ROUTE_KEYS, ROUTES } from '../shared/routes';
import type { RouteSpec, Who } from '../shared/routes';
import { API_KEY_SCOPES } from '../shared/api-keys';
import type { ApiKeyScope, CreatedApiKey } from '../shared/api-keys';

/**
 * Who may call each route, as the contract's "who" column says, checked on every route the server
 * serves: a well-formed request from anyone else is refused (401 signed out, 403 the wrong role, 403 or
 * 404 someone else's record) and changes nothing; the right caller is never refused for who they are.
 * Who may call a route is read from the shared route table (shared/routes.ts), which the server registers
 * its routes from; a route with no example request here fails the first test.
 * The examples are about OPD; a nurse assigned to LAB only may call every nurse route, except those the
 * table says are about a department (its `department` field): there, 403 `not_assigned`.
 * API keys (a key with every scope, a key with `read` only) may call a route only when it is open to
 * anyone or its `scope` is one of theirs: 403 `insufficient_scope` otherwise, so that even a key with every
 * scope reaches no admin, patient or account route.
 */

type Caller =
  'nobody' | 'patient' | 'another patient' | 'nurse' | 'LAB nurse' | 'admin' | 'all-scopes key' | 'read key';

/** The API-key callers: held to the route's `scope` instead of `who`. */
type KeyCaller = Extract<Caller, `${string} key`>;
const KEY_SCOPES: Record<KeyCaller, ApiKeyScope[]> = {
  'all-scopes key': [...API_KEY_SCOPES],
  'read key': ['read'],
};
const isKey = (caller: Caller): caller is KeyCaller => caller in KEY_SCOPES;

interface Example {
  path: string;
  body?: unknown;
}

/** The push endpoint a subscription names; nothing listens there, so its pushes only fail and retry. */
const PUSH_ORIGIN = 'https://127.0.0.1:9';
const ecdh = createECDH('prime256v1');
ecdh.generateKeys();
const subscription = {
  endpoint: `${PUSH_ORIGIN}/push/roles-test`,
  keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
};

let resets = 0;
const EXAMPLES: Record<string, (ids: RecordIds) => Example> = {
  'POST /api/auth/register': () => ({ path: '/api/auth/register', body: {} }),
  'POST /api/auth/login': () => ({ path: '/api/auth/login', body: {} }),
  'POST /api/auth/logout': () => ({ path: '/api/auth/logout' }),
  'GET /api/me': () => ({ path: '/api/me' }),
  'PATCH /api/me': () => ({ path: '/api/me', body: { phone: '+34 612 34 56 78' } }),
  'GET /api/me/preferences': () => ({ path: '/api/me/preferences' }),
  'PUT /api/me/preferences': () => ({
    path: '/api/me/preferences',
    body: { departments: 'all', push: true, locale: 'en' },
  }),
  'GET /api/queues': () => ({ path: '/api/queues' }),
  'GET /api/queues/:department': () => ({ path: '/api/queues/OPD' }),
  'POST /api/departments': () => ({ path: '/api/departments', body: { code: 'ROLES', name: 'Roles' } }),
  'POST /api/queues/:department/open': () => ({ path: '/api/queues/OPD/open', body: {} }),
  'POST /api/queues/:department/close': () => ({ path: '/api/queues/OPD/close', body: {} }),
  'GET /api/queues/:department/log': () => ({ path: '/api/queues/OPD/log' }),
  'POST /operations/queue/status': () => ({
    path: '/operations/queue/status/',
    body: { department: 'OPD', is_open: true },
  }),
  'GET /operations/queue/status': () => ({ path: '/operations/queue/status/?department=OPD' }),
  'POST /api/queues/:department/tickets': () => ({ path: '/api/queues/OPD/tickets' }),
  'GET /api/tickets/mine': () => ({ path: '/api/tickets/mine' }),
  'DELETE /api/tickets/:id': (ids) => ({ path: `/api/tickets/${ids.ticket}` }),
  'GET /api/queues/:department/tickets': () => ({ path: '/api/queues/OPD/tickets' }),
  'POST /api/queues/:department/call-next': () => ({
    path: '/api/queues/OPD/call-next',
    body: { room: '1' },
  }),
  ...Object.fromEntries(
    ['recall', 'serve', 'complete', 'no-show'].map((action) => [
      `POST /api/tickets/:id/${action}`,
      (ids: RecordIds) => ({ path: `/api/tickets/${ids.ticket}/${action}` }),
    ]),
  ),
  'POST /api/tickets/:id/priority': (ids) => ({
    path: `/api/tickets/${ids.ticket}/priority`,
    body: { priority: 'urgent', reason: 'roles test' },
  }),
  'POST /api/tickets/:id/transfer': (ids) => ({
    path: `/api/tickets/${ids.ticket}/transfer`,
    body: { department: 'LAB' },
  }),
  'POST /api/tickets/:id/requeue': (ids) => ({
    path: `/api/tickets/${ids.ticket}/requeue`,
    body: { placement: 'front' },
  }),
  'POST /api/tickets/:id/undo': (ids) => ({ path: `/api/tickets/${ids.ticket}/undo` }),
  'POST /api/tickets/:id/reply': (ids) => ({
    path: `/api/tickets/${ids.ticket}/reply`,
    body: { reply: 'on_my_way' },
  }),
  'GET /api/tickets/:id/events': (ids) => ({ path: `/api/tickets/${ids.ticket}/events` }),
  'GET /api/queues/:department/metrics': () => ({ path: '/api/queues/OPD/metrics' }),
  'GET /api/notifications': () => ({ path: '/api/notifications' }),
  'POST /api/notifications/:id/delivered': (ids) => ({
    path: `/api/notifications/${ids.notification}/delivered`,
  }),
  'POST /api/notifications/:id/read': (ids) => ({ path: `/api/notifications/${ids.notification}/read` }),
  'POST /api/notifications/read-all': () => ({ path: '/api/notifications/read-all' }),
  'POST /api/notifications/retry-failed': () => ({ path: '/api/notifications/retry-failed', body: {} }),
  'GET /api/notifications/stats': () => ({ path: '/api/notifications/stats' }),
  'GET /api/push/vapid-public-key': () => ({ path: '/api/push/vapid-public-key' }),
  'POST /api/push/subscriptions': () => ({ path: '/api/push/subscriptions', body: subscription }),
  'DELETE /api/push/subscriptions': () => ({
    path: '/api/push/subscriptions',
    body: { endpoint: subscription.endpoint },
  }),
  // Signed for the first patient, as the link in an email to them is.
  'POST /api/email/unsubscribe': () => ({
    path: `/api/email/unsubscribe?token=${server.ctx.unsubscribe.sign(patientId)}`,
    body: { 'List-Unsubscribe': 'One-Click' },
  }),
  'GET /api/schedules': () => ({ path: '/api/schedules' }),
  'POST /api/schedules': () => ({ path: '/api/schedules', body: SCHEDULE_BODY }),
  'PUT /api/schedules/:id': (ids) => ({ path: `/api/schedules/${ids.schedule}`, body: SCHEDULE_BODY }),
  'DELETE /api/schedules/:id': (ids) => ({ path: `/api/schedules/${ids.schedule}` }),
  'GET /api/departments': () => ({ path: '/api/departments' }),
  'PATCH /api/departments/:code': () => ({ path: '/api/departments/OPD', body: { longWaitMinutes: 45 } }),
  'GET /api/staff': () => ({ path: '/api/staff' }),
  'POST /api/staff': () => ({
    path: '/api/staff',
    body: { email: 'roles-new-nurse@test.example', name: 'New Nurse', role: 'nurse', departments: ['OPD'] },
  }),
  // About a nurse who is none of the callers, so that a reset does not end a caller's session.
  'PATCH /api/staff/:id': () => ({ path: `/api/staff/${subjectId}`, body: { name: 'Renamed Nurse' } }),
  'POST /api/staff/:id/reset-password': () => ({ path: `/api/staff/${subjectId}/reset-password` }),
  'GET /api/admin/log': () => ({ path: '/api/admin/log?limit=5' }),
  'GET /api/admin/settings': () => ({ path: '/api/admin/settings' }),
  // A new unknown email each time: five resets of one email an hour would make the sixth caller's a 429.
  'POST /api/auth/password-reset': () => ({
    path: '/api/auth/password-reset',
    body: { email: `roles-reset-${(resets += 1)}@test.example` },
  }),
  'POST /api/auth/password-reset/confirm': () => ({
    path: '/api/auth/password-reset/confirm',
    body: { token: 'not-a-reset-token', password: 'a new password' },
  }),
  // An empty body (400) for the callers allowed: a real change of password or deletion would end the
  // callers' accounts for the routes after.
  'POST /api/me/password': () => ({ path: '/api/me/password', body: {} }),
  'GET /api/me/export': () => ({ path: '/api/me/export' }),
  'DELETE /api/me': () => ({ path: '/api/me', body: {} }),
  'GET /api/api-keys': () => ({ path: '/api/api-keys' }),
  'POST /api/api-keys': () => ({ path: '/api/api-keys', body: { name: 'Roles key', scopes: ['read'] } }),
  // A key that is none of the callers', so that revoking it ends no caller's key.
  'DELETE /api/api-keys/:id': () => ({ path: `/api/api-keys/${subjectKeyId}` }),
  'GET /api/openapi.json': () => ({ path: '/api/openapi.json' }),
  'POST /api/webhooks': () => ({
    path: '/api/webhooks',
    body: { url: 'https://93.184.216.34/roles', events: ['webhook.test'] },
  }),
  'GET /api/webhooks': () => ({ path: '/api/webhooks' }),
  'PATCH /api/webhooks/:id': (ids) => ({
    path: `/api/webhooks/${ids.webhook}`,
    body: { events: ['queue.opened'] },
  }),
  'DELETE /api/webhooks/:id': (ids) => ({ path: `/api/webhooks/${ids.webhook}` }),
  'GET /api/webhooks/:id/deliveries': (ids) => ({ path: `/api/webhooks/${ids.webhook}/deliveries?limit=5` }),
  'POST /api/webhooks/:id/test': (ids) => ({ path: `/api/webhooks/${ids.webhook}/test` }),
  'POST /api/auth/guest': () => ({ path: '/api/auth/guest', body: { name: 'Roles Guest' } }),
  'POST /api/me/upgrade': () => ({
    path: '/api/me/upgrade',
    body: { email: 'roles-upgrade@test.example', password: 'a long password' },
  }),
  'POST /api/appointments': () => ({
    path: '/api/appointments',
    body: { department: 'OPD', patientId, at: '2030-01-01T09:00:00.000Z' },
  }),
  'GET /api/appointments': () => ({ path: '/api/appointments?department=OPD' }),
  'POST /api/appointments/import': () => ({
    path: '/api/appointments/import',
    body: { department: 'OPD', date: '2030-01-01', csv: `09:00,${patientId},`, dryRun: true },
  }),
  'GET /api/appointments/mine': () => ({ path: '/api/appointments/mine' }),
  'POST /api/appointments/:id/check-in': (ids) => ({ path: `/api/appointments/${ids.appointment}/check-in` }),
  'DELETE /api/appointments/:id': (ids) => ({ path: `/api/appointments/${ids.appointment}` }),
  'GET /api/patients': () => ({ path: '/api/patients?department=OPD&q=patient' }),
};

interface Rule {
  who: Who;
  /** The API-key scope that opens the route to keys (the table's `scope` field). */
  scope: ApiKeyScope | undefined;
  /** The route is about one department (the table's `department` field). */
  aboutDepartment: boolean;
  example: (ids: RecordIds) => Example;
}

/** Who may call each API route, from the shared route table; its examples from EXAMPLES above. */
const ACCESS: Record<string, Rule> = Object.fromEntries(
  ROUTE_KEYS.filter((key) => /^[A-Z]+ \/(api|operations)\//.test(key)).map((key) => {
    const name = key.replace(/\/$/, '');
    const example = EXAMPLES[name] ?? (() => ({ path: name }));
    const spec: RouteSpec = ROUTES[key];
    return [
      name,
      { who: spec.who, scope: spec.scope, aboutDepartment: spec.department !== undefined, example },
    ];
  }),
);

const ALLOWED: Record<Who, Caller[]> = {
  anyone: ['nobody', 'patient', 'another patient', 'nurse', 'LAB nurse', 'admin'],
  'signed in': ['patient', 'another patient', 'nurse', 'LAB nurse', 'admin'],
  patient: ['patient', 'another patient'],
  nurse: ['nurse', 'LAB nurse', 'admin'],
  admin: ['admin'],
  // The records in the examples are the first patient's.
  owner: ['patient'],
};
const CALLERS: Caller[] = [
  'nobody',
  'patient',
  'another patient',
  'nurse',
  'LAB nurse',
  'admin',
  'all-scopes key',
  'read key',
];
const ROLE_OF: Record<Exclude<Caller, 'nobody' | KeyCaller>, 'patient' | 'nurse' | 'admin'> = {
  patient: 'patient',
  'another patient': 'patient',
  nurse: 'nurse',
  'LAB nurse': 'nurse',
  admin: 'admin',
};

/**
 * The callers a rule lets through: the LAB nurse not on a route about a department (OPD, here); a key on a
 * route anyone may call, or whose scope it has.
 */
function allowedBy(rule: Rule): Caller[] {
  const people = ALLOWED[rule.who].filter((caller) => !(caller === 'LAB nurse' && rule.aboutDepartment));
  const keys = (Object.keys(KEY_SCOPES) as KeyCaller[]).filter(
    (key) => rule.who === 'anyone' || (rule.scope !== undefined && KEY_SCOPES[key].includes(rule.scope)),
  );
  return [...people, ...keys];
}

/** The status, and for the LAB nurse on a route about a department the code, each refusal must have. */
function expectedRefusal(caller: Caller, rule: Rule): { statuses: number[]; code?: string } {
  if (caller === 'nobody') return { statuses: [401] };
  if (isKey(caller)) return { statuses: [403], code: 'insufficient_scope' };
  if (rule.who === 'owner') return { statuses: [403, 404] };
  if (caller === 'LAB nurse' && rule.aboutDepartment && ALLOWED[rule.who].includes(caller)) {
    return { statuses: [403], code: 'not_assigned' };
  }
  return { statuses: [403] };
}

let server: TestServer;
const tokens: Partial<Record<Caller, string>> = {};
let ids: RecordIds = { ticket: 0, notification: 0, schedule: 0, webhook: 0, appointment: 0 };
let patientId = 0;
let subjectId = 0;
let subjectKeyId = 0;

beforeAll(async () => {
  server = await startTestServer({ PUSH_ALLOWED_ORIGINS: PUSH_ORIGIN });
  const patient = await signedInUser(server, 'patient');
  patientId = patient.id;
  Object.assign(tokens, {
    patient: patient.token,
    'another patient': (await signedInUser(server, 'patient')).token,
    nurse: (await signedInUser(server, 'nurse')).token,
    'LAB nurse': (await signedInUser(server, 'nurse', { departments: ['LAB'] })).token,
    admin: (await signedInUser(server, 'admin')).token,
  });
  subjectId = (await signedInUser(server, 'nurse')).id;
  // Made by an admin who is none of the callers, so that no route about the callers touches them.
  const keyMaker = await signedInUser(server, 'admin');
  for (const [caller, scopes] of Object.entries(KEY_SCOPES) as Array<[KeyCaller, ApiKeyScope[]]>) {
    const made = await api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
      token: keyMaker.token,
      body: { name: caller, scopes },
    });
    tokens[caller] = made.body.secret;
  }
  const subjectKey = await api<CreatedApiKey>(server, 'POST', '/api/api-keys', {
    token: keyMaker.token,
    body: { name: 'Subject key', scopes: ['read'] },
  });
  subjectKeyId = subjectKey.body.apiKey.id;
  // The first patient's ticket and notification, and a schedule, for the routes about one record.
  ids = await seedRecords(server, patient, tokens.nurse ?? '');
});
afterAll(async () => {
  await server.stop();
});

function apiRoutes(): string[] {
  return listApiRoutes(server.http).map((route) => `${route.method} ${route.path.replace(/\/$/, '')}`);
}

/** Logging out ends a token, so that route gets a new one each time. */
async function tokenFor(caller: Caller, key: string): Promise<string | undefined> {
  if (caller === 'nobody') return undefined;
  if (key === 'POST /api/auth/logout' && !isKey(caller))
    return (await signedInUser(server, ROLE_OF[caller])).token;
  return tokens[caller];
}

describe('roles on every route', () => {
  it('has a rule for every API route the server serves, and none for a route it does not', () => {
    expect(apiRoutes().sort()).toEqual(Object.keys(ACCESS).sort());
    expect(Object.keys(ACCESS).filter((key) => !(key in EXAMPLES))).toEqual([]);
  });

  it('refuses a well-formed request from every caller the rule leaves out, changing nothing', async () => {
    const failures: string[] = [];
    for (const [key, rule] of Object.entries(ACCESS)) {
      const method = key.split(' ')[0] ?? 'GET';
      for (const caller of CALLERS.filter((candidate) => !allowedBy(rule).includes(candidate))) {
        const example = rule.example(ids);
        const before = await databaseDigest(server);
        const answer = await api<{ error?: { code: string } }>(server, method, example.path, {
          token: await tokenFor(caller, key),
          body: example.body,
        });
        const expected = expectedRefusal(caller, rule);
        if (!expected.statuses.includes(answer.status)) {
          failures.push(`${caller}: ${key} → ${answer.status}, expected ${expected.statuses.join(' or ')}`);
        }
        if (expected.code && answer.body.error?.code !== expected.code) {
          failures.push(`${caller}: ${key} → ${answer.body.error?.code}, expected ${expected.code}`);
        }
        if ((await databaseDigest(server)) !== before) failures.push(`${caller}: ${key} changed data`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never refuses the callers the rule names for who they are', async () => {
    const failures: string[] = [];
    for (const [key, rule] of Object.entries(ACCESS)) {
      const method = key.split(' ')[0] ?? 'GET';
      for (const caller of allowedBy(rule)) {
        const example = rule.example(ids);
        const answer = await api(server, method, example.path, {
          token: await tokenFor(caller, key),
          body: example.body,
        });
        // Other refusals (409 for a ticket already served, 400 for register's empty body) are about the
        // request, not the caller.
        if (answer.status === 401 || answer.status === 403)
          failures.push(`${caller}: ${key} → ${answer.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

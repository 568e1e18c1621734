import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_VERSION_HEADER } from '../../shared/constants';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * Answers holding personal data are never cached (a shared ward PC's disk cache, a proxy), and a desktop
 * console older than CONSOLE_MIN_VERSION is refused with 426.
 */

let server: TestServer;
let patient: { token: string };
let nurse: { token: string };
beforeAll(async () => {
  server = await startTestServer({ CONSOLE_MIN_VERSION: '2.1.0' });
  patient = await signedInUser(server, 'patient', { name: 'Zelda Privatename' });
  nurse = await signedInUser(server, 'nurse');
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
  await api(server, 'POST', '/api/queues/OPD/tickets', { token: patient.token });
});
afterAll(() => server.stop());

describe('Cache-Control on answers with personal data', () => {
  it('is no-store on every answer that carries a name, an email or a phone, and on errors', async () => {
    const answers = [
      await api(server, 'GET', '/api/me', { token: patient.token }),
      await api(server, 'GET', '/api/me/preferences', { token: patient.token }),
      await api(server, 'GET', '/api/tickets/mine', { token: patient.token }),
      await api(server, 'GET', '/api/notifications', { token: patient.token }),
      await api(server, 'GET', '/api/queues/OPD/tickets', { token: nurse.token }),
      await api(server, 'GET', '/api/me'),
    ];
    const named = JSON.stringify(answers[4]?.body);
    expect(named).toContain('Zelda Privatename');
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});

describe('CONSOLE_MIN_VERSION', () => {
  const asConsole = (version: string) =>
    api(server, 'GET', '/api/me', { token: nurse.token, headers: { [CONSOLE_VERSION_HEADER]: version } });

  it('refuses an older console with 426 and what to do, and serves a current one and browsers', async () => {
    const old = await asConsole('2.0.9');
    expect(old.status).toBe(426);
    expect(old.body).toMatchObject({ error: { code: 'console_outdated' } });
    expect(JSON.stringify(old.body)).toMatch(/2\.1\.0 or later.*update/);
    expect((await asConsole('1.99.99')).status).toBe(426);
    expect((await asConsole('not a version')).status).toBe(426);
    expect((await asConsole('2.1.0')).status).toBe(200);
    expect((await asConsole('10.0.0')).status).toBe(200);
    expect((await api(server, 'GET', '/api/me', { token: nurse.token })).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnsubscribeTokens } from '../../server/channels/email/index';
import type { Preferences } from '../../shared/schemas';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * `POST /api/email/unsubscribe?token=`: what a mail client sends when a patient presses its
 * "unsubscribe" button (RFC 8058), and what a forged link gets. No sign-in: the signed token names the
 * patient.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface ErrorBody {
  error: { code: string; message: string };
}

const ONE_CLICK = 'List-Unsubscribe=One-Click';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function patient() {
  const user = await signedInUser(server, 'patient');
  const token = server.ctx.unsubscribe.sign(user.id);
  return { ...user, path: `/api/email/unsubscribe?token=${encodeURIComponent(token)}` };
}

const emailOn = async (token: string) =>
  (await api<Preferences>(server, 'GET', '/api/me/preferences', { token })).body.email;

const unsubscribe = (path: string, options: Parameters<typeof api>[3] = {}) =>
  api<ErrorBody | undefined>(server, 'POST', path, options);

describe('one-click unsubscribe', () => {
  it("turns the patient's email off with the form body a mail client sends, without signing in", async () => {
    const someone = await patient();
    const other = await patient();
    expect(await emailOn(someone.token)).toBe(true);
    const answer = await unsubscribe(someone.path, { rawBody: ONE_CLICK, headers: FORM });
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    expect(await emailOn(someone.token)).toBe(false);
    expect(await emailOn(other.token)).toBe(true);
    // A second press (or a mail client that retries) is the same success.
    expect((await unsubscribe(someone.path, { rawBody: ONE_CLICK, headers: FORM })).status).toBe(204);
  });

  it('leaves the other preferences as they were', async () => {
    const someone = await patient();
    const before = (await api<Preferences>(server, 'GET', '/api/me/preferences', { token: someone.token }))
      .body;
    await unsubscribe(someone.path, { rawBody: ONE_CLICK, headers: FORM });
    const after = (await api<Preferences>(server, 'GET', '/api/me/preferences', { token: someone.token }))
      .body;
    expect(after).toEqual({ ...before, email: false });
  });

  it('takes the form as multipart/form-data, as JSON, and a POST with no body at all', async () => {
    const multipart = await patient();
    const boundary = 'queuebell-test-boundary';
    const rawBody = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    expect((await unsubscribe(multipart.path, { rawBody, headers })).status).toBe(204);
    expect(await emailOn(multipart.token)).toBe(false);

    const json = await patient();
    expect((await unsubscribe(json.path, { body: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(204);
    expect(await emailOn(json.token)).toBe(false);

    const empty = await patient();
    expect((await unsubscribe(empty.path)).status).toBe(204);
    expect(await emailOn(empty.token)).toBe(false);
  });

  it('answers a forged, altered or missing token with 400 invalid_token or validation_failed, changing nothing', async () => {
    const someone = await patient();
    const [id, mac] = server.ctx.unsubscribe.sign(someone.id).split('.');
    const forged = [
      `${id}.${'A'.repeat(43)}`,
      `${Number(id) + 1}.${mac}`,
      createUnsubscribeTokens('not the server secret').sign(someone.id),
      'garbage',
    ];
    for (const token of forged) {
      const answer = await unsubscribe(`/api/email/unsubscribe?token=${encodeURIComponent(token)}`, {
        rawBody: ONE_CLICK,
        headers: FORM,
      });
      expect(answer.status).toBe(400);
      expect(answer.body?.error.code).toBe('invalid_token');
      expect(answer.body?.error.message).toEqual(expect.any(String));
    }
    const missing = await unsubscribe('/api/email/unsubscribe', { rawBody: ONE_CLICK, headers: FORM });
    expect(missing.status).toBe(400);
    expect(missing.body?.error.code).toBe('validation_failed');
    expect(await emailOn(someone.token)).toBe(true);
  });

  it('refuses a form with other fields', async () => {
    const someone = await patient();
    for (const rawBody of ['List-Unsubscribe=Yes', `${ONE_CLICK}&email=other%40example.org`]) {
      const answer = await unsubscribe(someone.path, { rawBody, headers: FORM });
      expect(answer.status).toBe(400);
      expect(answer.body?.error.code).toBe('validation_failed');
    }
    expect(await emailOn(someone.token)).toBe(true);
  });

  it('is the only route that takes a form: the others refuse it as before', async () => {
    const answer = await api<ErrorBody>(server, 'POST', '/api/auth/login', {
      rawBody: 'email=a%40b.example&password=whatever',
      headers: FORM,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePreferences } from '../../server/commands/save-preferences';
import { User as UserModel } from '../../server/db/models/index';
import type { Preferences, User } from '../../shared/schemas';
import { QueryTypes } from 'sequelize';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

/**
 * A patient's phone (`PATCH /api/me`) and channel choices (`PUT /api/me/preferences`): numbers are
 * stored in E.164, impossible ones and SMS without a phone are refused, old three-field clients keep
 * working, and the phone stays in the patient's own answers only.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface ErrorBody {
  error: { code: string; details?: Array<{ path: string }> };
}

const patchMe = (token: string, body: unknown) =>
  api<{ user: User } & ErrorBody>(server, 'PATCH', '/api/me', { token, body });
const putPreferences = (token: string, body: unknown) =>
  api<Preferences & ErrorBody>(server, 'PUT', '/api/me/preferences', { token, body });
const me = async (token: string) =>
  (await api<{ user: User }>(server, 'GET', '/api/me', { token })).body.user;
const preferences = async (token: string) =>
  (await api<Preferences>(server, 'GET', '/api/me/preferences', { token })).body;

const OLD_BODY = { departments: 'all', push: true, locale: 'en' } as const;

describe('PATCH /api/me', () => {
  it('starts without a phone and stores an international number in E.164', async () => {
    const patient = await signedInUser(server, 'patient');
    expect((await me(patient.token)).phone).toBeNull();
    const saved = await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    expect(saved.status).toBe(200);
    expect(saved.body.user.phone).toBe('+34612345678');
    expect((await me(patient.token)).phone).toBe('+34612345678');
  });

  it('reads a national number in DEFAULT_PHONE_REGION (US unless set)', async () => {
    const patient = await signedInUser(server, 'patient');
    const saved = await patchMe(patient.token, { phone: '(201) 555-0123' });
    expect(saved.body.user.phone).toBe('+12015550123');
  });

  it('refuses an impossible number with 400 invalid_phone and changes nothing, the name included', async () => {
    const patient = await signedInUser(server, 'patient', { name: 'Before' });
    await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    for (const phone of ['12345', '+1 123 456 7890', 'call me', '+44 7700 900123']) {
      const refused = await patchMe(patient.token, { name: 'After', phone });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_phone');
      expect(refused.body.error.details?.map((detail) => detail.path)).toEqual(['body.phone']);
    }
    expect(await me(patient.token)).toMatchObject({ name: 'Before', phone: '+34612345678' });
  });

  it('changes the name and locale alone, and clears the phone with null (turning SMS off)', async () => {
    const patient = await signedInUser(server, 'patient');
    await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    await putPreferences(patient.token, { ...OLD_BODY, sms: true });

    const renamed = await patchMe(patient.token, { name: '  Ana García ', locale: 'es' });
    expect(renamed.body.user).toMatchObject({ name: 'Ana García', locale: 'es', phone: '+34612345678' });

    const cleared = await patchMe(patient.token, { phone: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.user.phone).toBeNull();
    expect(await preferences(patient.token)).toMatchObject({ sms: false, email: true });
  });

  it('takes a strict body: unknown fields, an empty phone, an empty name and a bad locale are 400', async () => {
    const patient = await signedInUser(server, 'patient');
    for (const body of [{ email: 'x@example.org' }, { phone: '' }, { name: '' }, { locale: 'English' }]) {
      const refused = await patchMe(patient.token, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    expect((await me(patient.token)).phone).toBeNull();
  });

  it('lets staff change their own name too, and needs a token', async () => {
    const nurse = await signedInUser(server, 'nurse');
    expect((await patchMe(nurse.token, { name: 'Nurse Renamed' })).body.user.name).toBe('Nurse Renamed');
    expect((await api(server, 'PATCH', '/api/me', { body: { name: 'x' } })).status).toBe(401);
  });
});

describe('channel preferences', () => {
  it('keeps email and SMS as they are when an old client sends the three old fields', async () => {
    const patient = await signedInUser(server, 'patient');
    await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    await putPreferences(patient.token, { ...OLD_BODY, email: false, sms: true });
    const old = await putPreferences(patient.token, { departments: ['OPD'], push: false, locale: 'fr' });
    expect(old.status).toBe(200);
    expect(old.body).toEqual({ departments: ['OPD'], push: false, email: false, sms: true, locale: 'fr' });
  });

  it('refuses SMS without a phone with 400 phone_required, and saves it with one', async () => {
    const patient = await signedInUser(server, 'patient');
    const refused = await putPreferences(patient.token, { ...OLD_BODY, push: false, sms: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('phone_required');
    expect(await preferences(patient.token)).toEqual({ ...OLD_BODY, email: true, sms: false });

    await patchMe(patient.token, { phone: '(201) 555-0123' });
    const saved = await putPreferences(patient.token, { ...OLD_BODY, sms: true });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ email: true, sms: true });
  });

  it('keeps SMS off in the database itself when no phone is stored', async () => {
    const patient = await signedInUser(server, 'patient');
    await expect(
      server.ctx.sequelize.query('UPDATE users SET sms_enabled = true WHERE id = :id', {
        replacements: { id: patient.id },
      }),
    ).rejects.toThrow(/users_sms_needs_phone/);
  });

  it('never leaves SMS on without a phone when removing the phone races turning SMS on', async () => {
    const patient = await signedInUser(server, 'patient');
    for (let round = 0; round < 8; round++) {
      await patchMe(patient.token, { phone: '+34 612 34 56 78' });
      await putPreferences(patient.token, { ...OLD_BODY, sms: false });
      const [removed, turnedOn] = await Promise.all([
        patchMe(patient.token, { phone: null }),
        putPreferences(patient.token, { ...OLD_BODY, sms: true }),
      ]);
      expect(removed.status).toBe(200);
      // Either order is fine; a 500 or SMS on with no number is not.
      expect([200, 400]).toContain(turnedOn.status);
      if (turnedOn.status === 400) expect(turnedOn.body.error.code).toBe('phone_required');
      expect((await me(patient.token)).phone).toBeNull();
      expect((await preferences(patient.token)).sms).toBe(false);
    }
  });

  it('answers phone_required when the phone went after the patient was read (the check, not a 500)', async () => {
    const patient = await signedInUser(server, 'patient');
    await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    const readBefore = await UserModel.findByPk(patient.id, { rejectOnEmpty: true });
    await patchMe(patient.token, { phone: null });
    await expect(savePreferences(readBefore, { ...OLD_BODY, sms: true })).rejects.toMatchObject({
      statusCode: 400,
      code: 'phone_required',
    });
    expect((await preferences(patient.token)).sms).toBe(false);
  });

  it('refuses channel flags that are not booleans and unknown fields', async () => {
    const patient = await signedInUser(server, 'patient');
    for (const body of [
      { ...OLD_BODY, email: 'yes' },
      { ...OLD_BODY, sms: 1 },
      { ...OLD_BODY, phone: '+34612345678' },
    ]) {
      const refused = await putPreferences(patient.token, body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
  });
});

describe('the phone is the patient’s own', () => {
  it('is in no staff or public answer and no notification', async () => {
    const patient = await signedInUser(server, 'patient', { name: 'Private Patient' });
    const nurse = await signedInUser(server, 'nurse');
    await patchMe(patient.token, { phone: '+34 612 34 56 78' });
    await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token, body: {} });
    expect((await api(server, 'POST', '/api/queues/OPD/tickets', { token: patient.token })).status).toBe(201);
    await api(server, 'POST', '/api/queues/OPD/call-next', { token: nurse.token, body: { room: '4' } });

    const seenByOthers = [
      await api(server, 'GET', '/api/queues/OPD/tickets', { token: nurse.token }),
      await api(server, 'GET', '/api/queues/OPD'),
      await api(server, 'GET', '/api/queues'),
      await api(server, 'GET', '/api/me', { token: nurse.token }),
    ];
    expect(JSON.stringify(seenByOthers[0]?.body)).toContain('Private Patient');
    for (const answer of seenByOthers) expect(JSON.stringify(answer.body)).not.toMatch(/612\s?34|\+34/);
    // A push is made of these columns (and the department): what is not here cannot be pushed.
    const notifications = await server.ctx.sequelize.query(
      'SELECT title, body, data FROM notifications WHERE user_id = :id',
      { replacements: { id: patient.id }, type: QueryTypes.SELECT },
    );
    expect(notifications.length).toBeGreaterThan(0);
    expect(JSON.stringify(notifications)).not.toContain('612345678');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUSH_PAYLOAD_LIMIT_BYTES } from '../shared/notifications';
import type { PushPayload } from '../shared/notifications';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_DELIVERED, createPatients, outboxSettles } from './support/engine';
import type { Patient } from './support/engine';

/**
 * The declarative form of a web push (Safari and iOS 18.4+ show it without the service worker), read
 * from real pushes: encrypted by the server, decrypted by the receiver's independent http_ece.
 */
const PUBLIC_URL = 'https://queuebell.hospital.example';

let receiver: PushReceiver;
let server: TestServer;
let nurse: { token: string };

beforeAll(async () => {
  receiver = await startPushReceiver();
  server = await startTestServer({
    PUSH_ALLOWED_ORIGINS: receiver.origin,
    SEED_DEMO: 'true',
    PUBLIC_URL: `${PUBLIC_URL}/`,
  });
  nurse = await signedInUser(server, 'nurse');
});
afterAll(async () => {
  await server.stop();
  await receiver.close();
});

async function patientSpeaking(locale: string): Promise<Patient> {
  const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
  const saved = await api(server, 'PUT', '/api/me/preferences', {
    token: patient.token,
    body: { departments: 'all', push: true, locale },
  });
  expect(saved.status).toBe(200);
  return patient;
}

async function pushTo(patient: Patient, type: string): Promise<{ payload: PushPayload; bytes: number }> {
  const endpointId = receiver.endpointIdOf(patient.endpoint ?? '');
  const [message] = await receiver.waitFor(
    (push) => push.endpointId === endpointId && (push.payload as PushPayload).type === type,
  );
  const payload = message?.payload as PushPayload;
  return { payload, bytes: Buffer.byteLength(JSON.stringify(payload)) };
}

describe('declarative web push', () => {
  it('carries the notification in the declarative form, in the patient’s language, with no name', async () => {
    const french = await patientSpeaking('fr');
    await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
    await api(server, 'POST', '/api/queues/OPD/tickets', { token: french.token });
    const called = await api(server, 'POST', '/api/queues/OPD/call-next', {
      token: nurse.token,
      body: { room: '7' },
    });
    expect(called.status).toBe(200);

    const { payload, bytes } = await pushTo(french, 'ticket_called');
    expect(payload).toMatchObject({ web_push: 8030, mutable: true });
    expect(payload.notification).toEqual({
      title: payload.title,
      body: payload.body,
      navigate: `${PUBLIC_URL}/?notification=${payload.id}`,
      tag: String(payload.id),
      lang: 'fr',
    });
    expect(payload.title).toBe("C'est votre tour");
    expect(new URL(payload.notification.navigate).origin).toBe(PUBLIC_URL);
    // The existing fields stay at the top level, for the service worker.
    expect(payload).toMatchObject({
      type: 'ticket_called',
      department: 'OPD',
      url: `/?notification=${payload.id}`,
    });
    expect(typeof payload.receipt).toBe('string');
    expect(JSON.stringify(payload)).not.toContain('Privatename');
    expect(bytes).toBeLessThan(PUSH_PAYLOAD_LIMIT_BYTES);
    expect(receiver.rejected).toEqual([]);
  });

  it('names the language the words fell back to, for a locale the app does not speak', async () => {
    const german = await patientSpeaking('de-AT');
    const english = await patientSpeaking('en');
    await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token });
    await outboxSettles(server, ALL_DELIVERED);
    for (const patient of [german, english]) {
      const { payload } = await pushTo(patient, 'queue_opened');
      expect(payload.title).toBe('Laboratory is open');
      expect(payload.notification).toMatchObject({ lang: 'en', tag: String(payload.id) });
    }
  });
});

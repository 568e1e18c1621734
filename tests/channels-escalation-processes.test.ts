import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSequelize } from '../server/db/connection';
import { createTestDatabase } from './support/db';
import { ALL_CHANNELS_DONE, outboxSettles } from './support/engine';
import { openCallDesk } from './support/queue-calls';
import { signedInUser, startTestServerOn } from './support/server';
import { startSmsGateway } from './support/sms-receivers/gateway';
import type { SmsGatewayReceiver } from './support/sms-receivers/gateway';

const SECRET = `whsec_${Buffer.from('escalation processes gateway secret').toString('base64')}`;

let gateway: SmsGatewayReceiver;
const env = () => ({ SMS_WEBHOOK_URL: gateway.url, SMS_WEBHOOK_SECRET: SECRET });
const textsFor = (id: number) => gateway.received.filter((text) => text.payload.id === id);

beforeAll(async () => {
  gateway = await startSmsGateway({ secret: SECRET });
});
afterAll(() => gateway.close());

it('sends an escalation that fell due while no server ran once one starts again, once', async () => {
  const db = await createTestDatabase();
  const first = await startTestServerOn(db, env());
  const nurse = await signedInUser(first, 'nurse');
  const desk = await openCallDesk(first, nurse.token, 3600);
  const patient = await desk.waitingPatient({ phone: '+34612345671', sms: true });
  await desk.callNext();
  const call = await desk.callNotification(patient.token);
  await first.close();
  // While no process runs, its due time passes (an hour, here moved back instead of waited for).
  const sql = createSequelize({ url: db.url, poolMax: 1 });
  await sql.query(`UPDATE notifications SET escalate_at = now() - interval '1 second' WHERE id = :id`, {
    replacements: { id: call.id },
  });
  await sql.close();
  const second = await startTestServerOn(db, env());
  try {
    await outboxSettles(
      second,
      `SELECT EXISTS (SELECT 1 FROM notification_channels WHERE notification_id = ${call.id} AND status = 'sent') AS ok`,
    );
    await outboxSettles(second, ALL_CHANNELS_DONE);
    expect(textsFor(call.id)).toHaveLength(1);
    expect(textsFor(call.id)[0]?.payload.to).toBe('+34612345671');
  } finally {
    await second.stop();
  }
});

it('escalates each call once when two processes share the database', async () => {
  const db = await createTestDatabase();
  const one = await startTestServerOn(db, env());
  const two = await startTestServerOn(db, env());
  try {
    const nurse = await signedInUser(one, 'nurse');
    const desk = await openCallDesk(one, nurse.token, 1);
    const patients = [];
    for (let index = 0; index < 8; index++) {
      patients.push(await desk.waitingPatient({ phone: `+3461234560${index}`, sms: true }));
    }
    for (const _patient of patients) await desk.callNext();
    const calls = await Promise.all(patients.map((patient) => desk.callNotification(patient.token)));
    await Promise.all([
      outboxSettles(
        one,
        `SELECT count(*) = ${calls.length} AS ok FROM notification_channels
          WHERE channel = 'sms' AND status = 'sent' AND notification_id IN (${calls.map((call) => call.id).join(',')})`,
      ),
      outboxSettles(two, ALL_CHANNELS_DONE),
    ]);
    await outboxSettles(one, ALL_CHANNELS_DONE);
    for (const { id } of calls) expect(textsFor(id)).toHaveLength(1);
  } finally {
    await two.close();
    await one.stop();
  }
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import type { PushPayload } from '../shared/notifications';
import type { StaffTicket, Ticket } from '../shared/tickets';
import { startPushReceiver } from './support/push-receiver';
import type { PushReceiver } from './support/push-receiver';
import { startSmsGateway } from './support/sms-receivers/gateway';
import type { SmsGatewayReceiver } from './support/sms-receivers/gateway';
import { openCallDesk } from './support/queue-calls';
import type { CallDesk } from './support/queue-calls';
import { api, signedInUser, startTestServer } from './support/server';
import type { TestServer } from './support/server';
import { ALL_CHANNELS_DONE, connectSocket, nextEvent, outboxSettles } from './support/engine';
import type { ClientSocket } from './support/engine';

const SECRET = `whsec_${Buffer.from('escalation test gateway secret').toString('base64')}`;

let receiver: PushReceiver;
let gateway: SmsGatewayReceiver;
let server: TestServer;
let nurse: { token: string; id: number };
let nurseSocket: ClientSocket;
const env = () => ({
  PUSH_ALLOWED_ORIGINS: receiver.origin,
  SMS_WEBHOOK_URL: gateway.url,
  SMS_WEBHOOK_SECRET: SECRET,
});

beforeAll(async () => {
  receiver = await startPushReceiver();
  gateway = await startSmsGateway({ secret: SECRET });
  server = await startTestServer(env());
  nurse = await signedInUser(server, 'nurse');
  nurseSocket = await connectSocket(server, nurse.token);
});
afterAll(async () => {
  nurseSocket.close();
  await server.stop();
  await gateway.close();
  await receiver.close();
});

let desk: CallDesk;
beforeEach(async () => {
  desk = await openCallDesk(server, nurse.token, 1, receiver);
});

/** One sample of the server's /metrics. */
async function metric(sample: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : Number.NaN;
}

/** The first staff copy of a ticket the nurse's socket gets that matches. */
function staffUpdate(match: (ticket: StaffTicket) => boolean): Promise<StaffTicket> {
  return new Promise((resolve) => {
    const listener = (update: Ticket | StaffTicket) => {
      if (!('lastCall' in update) || !match(update)) return;
      nurseSocket.off('ticket:updated', listener);
      resolve(update);
    };
    nurseSocket.on('ticket:updated', listener);
  });
}

const textsFor = (id: number) => gateway.received.filter((text) => text.payload.id === id);

describe('escalation of a call', () => {
  it('texts an unconfirmed call after escalateAfterSeconds, once, with the ticket and room and no name', async () => {
    const patient = await desk.waitingPatient({ push: true, phone: '+34 612 34 56 78', sms: true });
    const escalated = staffUpdate(
      (update) => update.lastCall?.channels.some((c) => c.channel === 'sms') === true,
    );
    const ticket = await desk.callNext('7B');
    const calledAt = new Date(ticket.calledAt ?? '');
    const text = await gateway.waitForTextOf((await desk.callNotification(patient.token)).id);
    // Pushed at once (a push service took it), but no client confirmed it within the department's second.
    expect(receiver.received.some((push) => (push.payload as PushPayload).id === text.payload.id)).toBe(true);
    // Standard Webhooks timestamps are whole seconds.
    expect(text.timestamp).toBeGreaterThanOrEqual(Math.floor(calledAt.getTime() / 1000) + 1);
    expect(text.payload.to).toBe('+34612345678');
    expect(text.payload.body).toContain(ticket.number);
    expect(text.payload.body).toContain('7B');
    expect(text.payload.body).not.toContain('Zelda');
    await outboxSettles(server, ALL_CHANNELS_DONE);
    expect(textsFor(text.payload.id)).toHaveLength(1);
    const call = await desk.callNotification(patient.token);
    expect(call.id).toBe(text.payload.id);
    expect(call.deliveryStatus).toBe('sent');
    expect(call.channels.map((channel) => [channel.channel, channel.status])).toEqual([
      ['push', 'sent'],
      ['sms', 'sent'],
    ]);
    // Staff saw the call escalate, without asking.
    expect((await escalated).id).toBe(ticket.id);
  });

  it('does not escalate a call the patient confirmed, and tells staff it was reached', async () => {
    desk = await openCallDesk(server, nurse.token, 30, receiver);
    const patient = await desk.waitingPatient({ push: true, phone: '+34612345679', sms: true });
    const reached = nextEvent(nurseSocket, 'ticket:reached');
    const ticket = await desk.callNext();
    const [push] = await receiver.waitFor((message) => {
      const payload = message.payload as PushPayload;
      return payload.type === 'ticket_called' && payload.department === desk.department;
    });
    const payload = push?.payload as PushPayload;
    const confirmed = await api(
      server,
      'POST',
      `/api/notifications/${payload.id}/delivered?receipt=${payload.receipt}`,
    );
    expect(confirmed.status).toBe(204);
    const [event] = await reached;
    expect(event).toEqual({
      ticketId: ticket.id,
      department: desk.department,
      number: ticket.number,
      channel: 'push',
    });
    const [row] = await server.ctx.sequelize.query<{ escalate_at: Date | null; follow_ups: number }>(
      `SELECT escalate_at, (SELECT count(*)::int FROM notification_channels WHERE notification_id = n.id) AS follow_ups
         FROM notifications n WHERE id = :id`,
      { replacements: { id: payload.id }, type: QueryTypes.SELECT },
    );
    // Confirmed: no due time left to escalate at, so no text will ever be queued for it.
    expect(row).toEqual({ escalate_at: null, follow_ups: 0 });
    const call = await desk.callNotification(patient.token);
    expect(call.deliveryStatus).toBe('delivered');
    expect(call.channels).toEqual([expect.objectContaining({ channel: 'push', status: 'delivered' })]);
  });

  it('tells the nurse at once when no channel is left to reach the patient', async () => {
    const patient = await desk.waitingPatient({ email: false });
    const unreached = nextEvent(nurseSocket, 'ticket:unreached');
    const ticket = await desk.callNext();
    const [event] = await unreached;
    const call = await desk.callNotification(patient.token);
    expect(event).toEqual({
      ticketId: ticket.id,
      department: desk.department,
      number: ticket.number,
      notificationId: call.id,
    });
    expect(call.deliveryStatus).toBe('failed');
  });

  it('honours the gateway’s Retry-After on a 503, then texts once', async () => {
    const patient = await desk.waitingPatient({ phone: '+34612345670', sms: true });
    // The call's text only (the room is in it): the patient's "almost your turn" goes by text too.
    gateway.answerMatching((text) => text.body.includes('R503'), {
      status: 503,
      headers: { 'retry-after': '2' },
    });
    await desk.callNext('R503');
    const { id } = await desk.callNotification(patient.token);
    await gateway.waitForTextOf(id);
    await outboxSettles(server, ALL_CHANNELS_DONE);
    const tries = textsFor(id);
    expect(tries).toHaveLength(2);
    const [first, second] = tries;
    // The same message both times (the gateway can de-duplicate by its id), the second no sooner than asked.
    expect(second?.webhookId).toBe(first?.webhookId);
    expect((second?.timestamp ?? 0) - (first?.timestamp ?? 0)).toBeGreaterThanOrEqual(2);
    // /metrics counts each send by channel and outcome.
    expect(
      await metric('queuebell_channel_sends_total{channel="sms",outcome="retry"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      await metric('queuebell_channel_sends_total{channel="sms",outcome="sent"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});

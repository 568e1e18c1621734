import { expect } from 'vitest';
import type { Notification, NotificationPage } from '../../shared/notifications';
import type { Ticket } from '../../shared/tickets';
import type { PushReceiver } from './push-receiver';
import { api, signedInUser } from './server';
import type { TestServer } from './server';

/** How a test patient can be reached. */
export interface Reach {
  push?: boolean;
  phone?: string;
  sms?: boolean;
  email?: boolean;
  locale?: string;
}

export interface CallDesk {
  department: string;
  /** A patient in this queue, reachable the given ways, told about this department only. */
  waitingPatient(reach: Reach): Promise<{ id: number; token: string; email: string; ticket: Ticket }>;
  callNext(room?: string): Promise<Ticket>;
  /** The patient's own call notification in this department, as GET /api/notifications shows it. */
  callNotification(token: string): Promise<Notification>;
}

let count = 0;

/**
 * A new open department on `target` whose calls escalate after `escalateAfterSeconds`, and what a test
 * needs to queue and call patients in it.
 */
export async function openCallDesk(
  target: TestServer,
  nurseToken: string,
  escalateAfterSeconds: number,
  receiver?: PushReceiver,
): Promise<CallDesk> {
  count += 1;
  const department = `C${count}`;
  const admin = await signedInUser(target, 'admin');
  await api(target, 'POST', '/api/departments', {
    token: admin.token,
    body: { code: department, name: `Desk ${count}` },
  });
  // The admin route that sets this comes with the staff issue; the column is what escalation reads.
  await target.ctx.sequelize.query(
    `UPDATE departments SET escalate_after_seconds = :seconds WHERE code = :department`,
    {
      replacements: { seconds: escalateAfterSeconds, department },
    },
  );
  await api(target, 'POST', `/api/queues/${department}/open`, { token: nurseToken });
  return {
    department,
    async waitingPatient(reach) {
      const patient = await signedInUser(target, 'patient', { name: 'Zelda Privatename' });
      if (reach.push) {
        if (!receiver) throw new Error('push needs a receiver');
        const saved = await api(target, 'POST', '/api/push/subscriptions', {
          token: patient.token,
          body: receiver.subscriptionFor(),
        });
        expect(saved.status).toBe(201);
      }
      if (reach.phone) {
        const saved = await api(target, 'PATCH', '/api/me', {
          token: patient.token,
          body: { phone: reach.phone },
        });
        expect(saved.status).toBe(200);
      }
      const preferences = await api(target, 'PUT', '/api/me/preferences', {
        token: patient.token,
        body: {
          departments: [department],
          push: true,
          email: reach.email ?? false,
          sms: reach.sms ?? false,
          locale: reach.locale ?? 'en',
        },
      });
      expect(preferences.status).toBe(200);
      const joined = await api<{ ticket: Ticket }>(target, 'POST', `/api/queues/${department}/tickets`, {
        token: patient.token,
      });
      expect(joined.status).toBe(201);
      return { ...patient, ticket: joined.body.ticket };
    },
    async callNext(room = '3') {
      const called = await api<{ ticket: Ticket }>(target, 'POST', `/api/queues/${department}/call-next`, {
        token: nurseToken,
        body: { room },
      });
      expect(called.status).toBe(200);
      return called.body.ticket;
    },
    async callNotification(token) {
      const page = await api<NotificationPage>(target, 'GET', '/api/notifications', { token });
      const call = page.body.items.find(
        (item) => item.type === 'ticket_called' && item.department === department,
      );
      if (!call) throw new Error('no call notification');
      return call;
    },
  };
}

import { QueryTypes } from 'sequelize';
import { api } from './server';
import type { TestServer } from './server';

/** The ids of one record of each kind a route can name by `:id`. */
export interface RecordIds {
  ticket: number;
  notification: number;
  schedule: number;
  /** A webhook to a public address nobody answers from here: its test events only fail. */
  webhook: number;
  /** The patient's booking in OPD, a little ahead, so that check-in is inside its window. */
  appointment: number;
}

/** A valid schedule body for OPD. */
export const SCHEDULE_BODY = {
  department: 'OPD',
  daysOfWeek: [1],
  startTime: '08:00',
  endTime: '17:00',
  autoOpen: false,
  isActive: true,
};

/**
 * Real records behind the ids the route sweeps use: OPD opened (which notifies the patient), the
 * patient's ticket in it, and a schedule, so requests about one record reach the code that changes it.
 */
export async function seedRecords(
  server: TestServer,
  patient: { id: number; token: string },
  nurseToken: string,
): Promise<RecordIds> {
  await api(server, 'POST', '/api/queues/OPD/open', { token: nurseToken, body: {} });
  const ticket = await api<{ ticket: { id: number } }>(server, 'POST', '/api/queues/OPD/tickets', {
    token: patient.token,
  });
  const [notification] = await notificationsOf(server, patient.id);
  const schedule = await api<{ schedule: { id: number } }>(server, 'POST', '/api/schedules', {
    token: nurseToken,
    body: SCHEDULE_BODY,
  });
  const [webhook] = await server.ctx.sequelize.query<{ id: number }>(
    `INSERT INTO webhooks (url, events, secret)
     VALUES ('https://93.184.216.34/records', '{webhook.test}', 'plain:whsec_cmVjb3Jkcy1zZWNyZXQ=') RETURNING id`,
    { type: QueryTypes.SELECT },
  );
  const appointment = await api<{ appointment: { id: number } }>(server, 'POST', '/api/appointments', {
    token: nurseToken,
    body: { department: 'OPD', patientId: patient.id, at: new Date(Date.now() + 10 * 60_000).toISOString() },
  });
  const ids = {
    webhook: Number(webhook?.id),
    ticket: ticket.body.ticket.id,
    notification: Number(notification?.id),
    schedule: schedule.body.schedule.id,
    appointment: appointment.body.appointment.id,
  };
  const all = [ids.ticket, ids.notification, ids.schedule, ids.webhook, ids.appointment];
  if (!all.every((id) => id > 0)) {
    throw new Error(`could not create the records: ${JSON.stringify(ids)}`);
  }
  return ids;
}

export interface NotificationRow {
  id: number;
  type: string;
  delivery_status: string;
  read_at: Date | null;
}

/** A user's notifications as stored, oldest first. */
export async function notificationsOf(server: TestServer, userId: number): Promise<NotificationRow[]> {
  const rows = await server.ctx.sequelize.query<NotificationRow>(
    `SELECT id, type, delivery_status, read_at FROM notifications WHERE user_id = :userId ORDER BY id`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

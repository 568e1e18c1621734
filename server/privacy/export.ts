import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type {
  AccountExport,
  ExportedAppointment,
  ExportedFollowUp,
  ExportedNotification,
  ExportedPushSubscription,
  ExportedSession,
  ExportedTicket,
  ExportedTicketEvent,
} from '../../shared/privacy';
import type { User as UserJson } from '../../shared/schemas';
import { preferencesOf } from '../accounts/preferences';
import type { User } from '../db/models/index';
import { notificationColumns, presentNotification } from '../notifications/presenter';
import type { NotificationRow } from '../notifications/presenter';
import { findTickets, presentTicket } from '../tickets/queries';
import { iso } from '../util/iso';

/**
 * Everything the server holds about one patient, for them to download: the account, its preferences,
 * push subscriptions, tickets (with each step), notifications (with what every channel did) and
 * sessions (never a token or a password hash). Only rows linked to this user: nobody else's.
 */
export async function exportAccount(
  sequelize: Sequelize,
  user: User,
  userJson: UserJson,
  sessionId: number,
): Promise<AccountExport> {
  const [pushSubscriptions, tickets, notifications, sessions, appointments] = await Promise.all([
    exportPushSubscriptions(sequelize, user.id),
    exportTickets(sequelize, user.id),
    exportNotifications(sequelize, user.id),
    exportSessions(sequelize, user.id, sessionId),
    exportAppointments(sequelize, user.id),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    user: { ...userJson, createdAt: iso(user.createdAt) ?? '', updatedAt: iso(user.updatedAt) ?? '' },
    preferences: preferencesOf(user),
    pushSubscriptions,
    tickets,
    notifications,
    sessions,
    appointments,
  };
}

async function exportAppointments(sequelize: Sequelize, userId: number): Promise<ExportedAppointment[]> {
  const rows = await sequelize.query<{
    id: number;
    code: string;
    at: Date;
    status: string;
    ticket_id: number | null;
    note: string | null;
    created_at: Date;
  }>(
    `SELECT a.id, d.code, a.at, a.status, a.ticket_id, a.note, a.created_at
       FROM appointments a JOIN departments d ON d.id = a.department_id
      WHERE a.user_id = :userId ORDER BY a.at, a.id`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    id: Number(row.id),
    department: row.code,
    at: iso(row.at) ?? '',
    status: row.status,
    ticketId: row.ticket_id === null ? null : Number(row.ticket_id),
    note: row.note,
    createdAt: iso(row.created_at) ?? '',
  }));
}

async function exportPushSubscriptions(
  sequelize: Sequelize,
  userId: number,
): Promise<ExportedPushSubscription[]> {
  const rows = await sequelize.query<{
    id: number;
    endpoint: string;
    p256dh: string;
    auth: string;
    created_at: Date;
    updated_at: Date;
    last_success_at: Date | null;
  }>(`SELECT * FROM push_subscriptions WHERE user_id = :userId ORDER BY id`, {
    replacements: { userId },
    type: QueryTypes.SELECT,
  });
  return rows.map((row) => ({
    id: Number(row.id),
    endpoint: row.endpoint,
    keys: { p256dh: row.p256dh, auth: row.auth },
    createdAt: iso(row.created_at) ?? '',
    updatedAt: iso(row.updated_at) ?? '',
    lastSuccessAt: iso(row.last_success_at),
  }));
}

async function exportTickets(sequelize: Sequelize, userId: number): Promise<ExportedTicket[]> {
  const rows = await findTickets(sequelize, 't.user_id = :userId', { userId });
  const extras = await sequelize.query<{
    id: number;
    service_date: string;
    events: ExportedTicketEvent[];
  }>(
    `SELECT t.id, t.service_date::text AS service_date,
            (SELECT coalesce(json_agg(json_build_object('kind', e.kind, 'room', e.room, 'reason', e.reason,
                    'reply', e.details ->> 'reply', 'at', e.at) ORDER BY e.id), '[]'::json) FROM ticket_events e WHERE e.ticket_id = t.id) AS events
       FROM tickets t WHERE t.user_id = :userId`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  const extraOf = new Map(extras.map((extra) => [Number(extra.id), extra]));
  return rows.map((row) => {
    const extra = extraOf.get(Number(row.id));
    return {
      ...presentTicket(row),
      priority: row.priority,
      callCount: row.call_count,
      serviceDate: extra?.service_date ?? '',
      events: (extra?.events ?? []).map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
    };
  });
}

type ExportRow = NotificationRow & { follow_up_rows: Array<Record<string, unknown>> };

async function exportNotifications(sequelize: Sequelize, userId: number): Promise<ExportedNotification[]> {
  const rows = await sequelize.query<ExportRow>(
    `SELECT ${notificationColumns()},
            (SELECT coalesce(json_agg(json_build_object('channel', f.channel, 'status', f.status,
                    'attempts', f.attempts, 'lastError', f.last_error, 'createdAt', f.created_at,
                    'doneAt', f.done_at) ORDER BY f.channel), '[]'::json)
               FROM notification_channels f WHERE f.notification_id = n.id) AS follow_up_rows
       FROM notifications n LEFT JOIN departments d ON d.id = n.department_id
      WHERE n.user_id = :userId ORDER BY n.id`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    ...presentNotification(row),
    delivery: {
      socketAt: iso(row.socket_at),
      pushStatus: row.push_status,
      pushAttempts: row.push_attempts,
      pushOutcome: row.push_outcome,
      pushOutcomeAt: iso(row.push_outcome_at),
      pushLastError: row.last_error,
      deliveredVia: row.delivered_via,
      followUps: row.follow_up_rows.map(followUpOf),
    },
  }));
}

function followUpOf(raw: Record<string, unknown>): ExportedFollowUp {
  const at = (value: unknown) => (typeof value === 'string' ? new Date(value).toISOString() : null);
  return {
    channel: raw.channel === 'sms' ? 'sms' : 'email',
    status: raw.status as ExportedFollowUp['status'],
    attempts: Number(raw.attempts),
    lastError: typeof raw.lastError === 'string' ? raw.lastError : null,
    createdAt: at(raw.createdAt) ?? '',
    doneAt: at(raw.doneAt),
  };
}

async function exportSessions(
  sequelize: Sequelize,
  userId: number,
  currentId: number,
): Promise<ExportedSession[]> {
  const rows = await sequelize.query<{
    id: number;
    created_at: Date;
    last_used_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>(
    `SELECT id, created_at, last_used_at, expires_at, revoked_at FROM sessions WHERE user_id = :userId ORDER BY id`,
    { replacements: { userId }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    createdAt: iso(row.created_at) ?? '',
    lastUsedAt: iso(row.last_used_at) ?? '',
    expiresAt: iso(row.expires_at) ?? '',
    revokedAt: iso(row.revoked_at),
    current: Number(row.id) === currentId,
  }));
}

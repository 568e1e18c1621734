import { z } from 'zod';
import type { ChannelDelivery, Notification } from './notifications';
import { emailSchema, passwordSchema } from './schemas';
import type { Preferences, User } from './schemas';
import type { CallReply, Priority, Ticket } from './tickets';

/** A patient's account for its whole life: password resets, their own data, leaving for good. */

export const passwordResetBody = z.strictObject({ email: emailSchema });

/** The token is checked against the stored hashes: a malformed one is as `invalid_token` as an unknown one. */
export const passwordResetConfirmBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: passwordSchema,
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

export const deleteAccountBody = z.strictObject({ password: z.string().min(1).max(200) });

/** The account as stored, with when it was made and last changed. */
export interface ExportedUser extends User {
  createdAt: string;
  updatedAt: string;
}

export interface ExportedPushSubscription {
  id: number;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  createdAt: string;
  updatedAt: string;
  lastSuccessAt: string | null;
}

export interface ExportedTicketEvent {
  kind: string;
  room: string | null;
  reason: string | null;
  reply: CallReply | null;
  at: string;
}

export interface ExportedTicket extends Ticket {
  priority: Priority;
  callCount: number;
  /** The hospital day the ticket belongs to (YYYY-MM-DD). */
  serviceDate: string;
  /** Every step of the ticket: joined, called, served, …; a `reply` event holds what the patient answered. */
  events: ExportedTicketEvent[];
}

/** An email or SMS record of a notification, as the server keeps it. */
export interface ExportedFollowUp {
  channel: 'email' | 'sms';
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

export interface ExportedNotification extends Notification {
  /** What each channel did, as stored: the socket and push columns of the notification and its follow-ups. */
  delivery: {
    socketAt: string | null;
    pushStatus: 'pending' | 'done' | 'failed';
    pushAttempts: number;
    pushOutcome: 'sent' | 'failed' | null;
    pushOutcomeAt: string | null;
    pushLastError: string | null;
    deliveredVia: ChannelDelivery['channel'] | null;
    followUps: ExportedFollowUp[];
  };
}

/** A session of the account: when it began, was last used and ends (never its token). */
export interface ExportedSession {
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  current: boolean;
}

/** `GET /api/me/export`: everything the server holds about the patient. */
export interface AccountExport {
  exportedAt: string;
  user: ExportedUser;
  preferences: Preferences;
  pushSubscriptions: ExportedPushSubscription[];
  tickets: ExportedTicket[];
  notifications: ExportedNotification[];
  sessions: ExportedSession[];
  /** Every booking of theirs, past and cancelled ones too, with the note staff wrote on it. */
  appointments: ExportedAppointment[];
}

export interface ExportedAppointment {
  id: number;
  department: string;
  at: string;
  status: string;
  ticketId: number | null;
  note: string | null;
  createdAt: string;
}

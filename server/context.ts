import type { Sequelize } from 'sequelize';
import type { TicketCalledEvent } from '../shared/events';
import type { Notification } from '../shared/notifications';
import type { QueueStatus } from '../shared/schemas';
import type { Role } from '../shared/constants';
import type {
  StaffTicket,
  Ticket,
  TicketLongWaitEvent,
  TicketReachedEvent,
  TicketReplyEvent,
  TicketUnreachedEvent,
} from '../shared/tickets';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Locale } from './util/locale';

/**
 * What the rest of the server may tell connected clients; `realtime/` implements it. Declared here so
 * that commands can broadcast without importing the socket layer above them.
 */
export interface Broadcaster {
  queueStatus(status: QueueStatus): void;
  /** The users among these with a socket on any process (cluster mode) or on this one. */
  connectedUsers(userIds: number[]): Promise<Set<number>>;
  /** Sends a notification to its owner's sockets; an ack from one of them marks it delivered. */
  emitToUser(userId: number, notification: Notification): void;
  /** Public: ticket number and room only, for the waiting-room displays. */
  ticketCalled(event: TicketCalledEvent): void;
  ticketUpdated(ownerId: number, ticket: Ticket, staffTicket: StaffTicket): void;
  /** To the staff of `event.department`: no channel delivered the call; a nurse should call the name aloud. */
  ticketUnreached(event: TicketUnreachedEvent): void;
  /** To the staff of `event.department`: a client confirmed the call, on `event.channel`. */
  ticketReached(event: TicketReachedEvent): void;
  /** To the staff of `event.department`, once per ticket: it has waited longer than the department allows. */
  ticketLongWait(event: TicketLongWaitEvent): void;
  /** To the staff of `event.department`: the called patient answered. */
  ticketReply(event: TicketReplyEvent): void;
  /** To the staff of `department`: its bookings changed (their consoles read the day again). */
  appointmentsChanged(department: string): void;
  /** Ends every open socket of the user, on every server process (disabled, password reset). */
  disconnectUser(userId: number): void;
  /** Ends the user's open sockets signed in with any session but `keepSessionId` (a changed password). */
  disconnectOtherSessions(userId: number, keepSessionId: number): void;
  /** A staff member's role or departments changed: their open sockets now hear those departments only. */
  staffAccessChanged(userId: number, access: StaffAccess): void;
}

/** What decides which departments' staff events a staff socket hears. */
export interface StaffAccess {
  role: Role;
  /** null: every department. */
  departments: string[] | null;
}

/** The schedule jobs of this process; `schedules/scheduler.ts` implements it. */
export interface Scheduler {
  start(): Promise<void>;
  /** Re-plan every job (a queue opened or closed, a schedule changed). */
  refresh(): void;
  stop(): Promise<void>;
  /** For tests: closes the queues whose close time has passed, and names them. */
  closeOverdue(): Promise<string[]>;
}

/** The delivery workers of this process; `notifications/worker.ts` implements it. */
export interface Outbox {
  /** Something was committed to the outbox: run a pass now. */
  wake(): void;
  /**
   * Time-critical work (a nurse's call) has begun: this process's fan-out gives way to it
   * (notifications/precedence.ts) until the answered function is called.
   */
  timeCritical(): () => void;
}

/** Signs and checks the receipt a push carries; `notifications/receipts.ts` implements it. */
export interface Receipts {
  sign(id: number): string;
  verify(id: number, receipt: string): boolean;
}

/**
 * Signs and checks the token an email's one-click unsubscribe link carries;
 * `channels/email/unsubscribe.ts` implements it.
 */
export interface UnsubscribeTokens {
  sign(userId: number): string;
  /** The user the token was signed for, or null for a forged, altered or unreadable token. */
  verify(token: string): number | null;
}

/** The server's VAPID key pair (base64url) and contact, as kept in the settings table. */
export interface VapidConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
}

/** A new staff member's invitation: who, and the one-time password generated for them. */
export interface StaffInvitation {
  to: string;
  name: string;
  password: string;
  locale: Locale;
}

/** Emails an invitation (`channels/email/invitation.ts`); rejects when the mail server did not take it. */
export type SendInvitation = (invitation: StaffInvitation) => Promise<void>;
/** A password-reset email: to whom, in which language, with which token (the link is built from it). */
export interface PasswordResetMail {
  to: string;
  locale: string;
  token: string;
}

/** Emails about the account itself; `channels/email/account-mail.ts` implements it. */
export interface AccountMail {
  sendPasswordReset(mail: PasswordResetMail): Promise<void>;
  close(): Promise<void>;
}

/** What routes, sockets and workers share: passed explicitly, never imported as globals. */
export interface AppContext {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  realtime: Broadcaster;
  outbox: Outbox;
  receipts: Receipts;
  unsubscribe: UnsubscribeTokens;
  vapid: VapidConfig;
  clock: Clock;
  scheduler: Pick<Scheduler, 'refresh'>;
  /** Staff invitations by email; absent when the server has no email (SMTP_URL unset). */
  invitations?: SendInvitation;
  /** Absent without SMTP_URL: then a password reset sends nothing (and answers the same). */
  accountMail?: AccountMail;
  /** The missed-booking sweep of this process, woken when a booking is made (absent in the CLI). */
  missedAppointments?: { wake(): void };
}

/**
 * Who hears about a committed change in this process. A process without sockets, jobs or workers (the
 * CLI) leaves them out: the database's NOTIFY still wakes a running server's workers and schedulers.
 */
export type Listeners = Partial<Pick<AppContext, 'realtime' | 'outbox' | 'scheduler'>>;

import { z } from 'zod';
import {
  notificationListQuery,
  notificationStatsQuery,
  pushSubscriptionBody,
  pushUnsubscribeBody,
  receiptQuery,
  retryFailedBody,
  unsubscribeBody,
  unsubscribeQuery,
} from './notifications';
import type { NotificationPage, NotificationStats } from './notifications';
import {
  auditLogQuery,
  closeQueueBody,
  legacyStatusBody,
  legacyStatusQuery,
  openQueueBody,
  scheduleBody,
  scheduleListQuery,
} from './queues';
import type { AuditEntry, LegacyChangeAnswer, LegacyStatus, QueueChangeAnswer, Schedule } from './queues';
import {
  createDepartmentBody,
  departmentParams,
  idParams,
  loginBody,
  noBody,
  preferencesBody,
  registerBody,
  updateMeBody,
  guestBody,
  upgradeBody,
} from './schemas';
import type { AuthAnswer, Department, Preferences, QueueStatus, User } from './schemas';
import { departmentCodeParams, departmentSettingsBody } from './departments';
import { adminLogQuery, createStaffBody, updateStaffBody } from './staff';
import type { AdminLogPage, AdminSettings, CreatedStaff, Staff } from './staff';
import { callNextBody, metricsQuery, priorityBody, replyBody, requeueBody, transferBody } from './tickets';
import {
  changePasswordBody,
  deleteAccountBody,
  passwordResetBody,
  passwordResetConfirmBody,
} from './privacy';
import type { AccountExport } from './privacy';
import { createApiKeyBody, joinQueueBody } from './api-keys';
import type { ApiKey, ApiKeyScope, CreatedApiKey } from './api-keys';
import { createWebhookBody, updateWebhookBody, webhookDeliveriesQuery } from './webhooks';
import type { CreatedWebhook, Webhook, WebhookDelivery } from './webhooks';
import type { StaffTicket, Ticket, TicketEvent, TicketMetrics, TransferAnswer } from './tickets';
import {
  appointmentListQuery,
  createAppointmentBody,
  importAppointmentsBody,
  patientSearchQuery,
} from './appointments';
import type { Appointment, ImportAnswer, PatientMatch, StaffAppointment } from './appointments';

/**
 * Every route of the HTTP API, written once: its method and path (the key), who may call it, the zod
 * schemas of its path parameters, query and body, its status on success and the type of its answer.
 * The server registers each route from this table, the typed API client of every front end builds its
 * calls from it, and the roles test reads who may call each route from it.
 */

/**
 * Who may call a route. `owner`: a patient, about a record of their own (someone else's is 403 or 404).
 * An admin can do everything a nurse can.
 */
export type Who = 'anyone' | 'signed in' | 'patient' | 'nurse' | 'admin' | 'owner';

/**
 * Where a nurse route finds the department it acts on, so that the server checks, in one place, that the
 * nurse is assigned to it (403 `not_assigned` otherwise; admins and nurses of "all" pass):
 * `params`, `query`, `body`: that part's `department` field (left out, it means every department);
 * `ticket`: the department of the ticket `:id` names; `schedule`: that of the schedule `:id` names;
 * `appointment`: that of the appointment `:id` names (patients pass this check: theirs is the handler's).
 * A route that names several (a schedule moved to another department) lists them all.
 */
export type DepartmentFrom = 'params' | 'query' | 'body' | 'ticket' | 'schedule' | 'appointment';

declare const answerType: unique symbol;
/** The type of a route's answer; a marker the compiler reads, with nothing in it at run time. */
export interface Answer<T> {
  readonly [answerType]?: T;
}
const answer = <T>(): Answer<T> => ({});

export interface RouteSpec {
  who: Who;
  /** What the route does, for people reading the table (and the API reference made from it). */
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Absent on GET; `noBody` where the route takes none. */
  body?: z.ZodType;
  /** The status of a success: 200 unless it creates (201) or answers nothing (204). */
  status?: 201 | 202 | 204;
  answer: Answer<unknown>;
  /** Also callable without a token, with the push payload's signed receipt (the service worker has no token). */
  receipt?: true;
  /**
   * The body may also come as an HTML form (`application/x-www-form-urlencoded` or `multipart/form-data`),
   * as mail clients send RFC 8058's one-click unsubscribe; every other route takes JSON only.
   */
  form?: true;
  /** A nurse route about one department: where that department comes from (see DepartmentFrom). */
  department?: DepartmentFrom | readonly DepartmentFrom[];
  /**
   * The API-key scope that lets a key call this route (besides the callers `who` names). A route without
   * one is closed to keys: 403 `insufficient_scope`, as is a key without this scope.
   */
  scope?: ApiKeyScope;
  /**
   * A POST that creates: an `Idempotency-Key` header makes a repeat within 24 hours (same key, caller and
   * body) answer the first answer again and act once; the same key with another body is 422.
   */
  idempotent?: true;
}

/** Open and close take an optional body: absent (or null) is the same as `{}`. */
const optionalBody = <S extends z.ZodType>(schema: S) => z.preprocess((value) => value ?? {}, schema);

/** In the order the routes are registered (and so listed by Fastify). */
export const ROUTES = {
  'GET /healthz': {
    who: 'anyone',
    summary: 'Health for load balancers: 200, or 503 while the database is out of reach',
    answer: answer<{ status: 'ok' | 'unavailable'; db: 'ok' | 'unreachable' }>(),
  },
  'GET /metrics': {
    who: 'anyone',
    summary: 'Prometheus metrics (text)',
    answer: answer<string>(),
  },
  'POST /api/auth/register': {
    who: 'anyone',
    summary: 'Register a patient account',
    body: registerBody,
    status: 201,
    answer: answer<AuthAnswer>(),
  },
  'POST /api/auth/login': {
    who: 'anyone',
    summary: 'Sign in',
    body: loginBody,
    answer: answer<AuthAnswer>(),
  },
  'POST /api/auth/logout': {
    who: 'signed in',
    summary: 'Sign out: the token stops working at once',
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },
  'GET /api/me': {
    who: 'signed in',
    summary: 'The signed-in user; staff also get the idle minutes after which their console locks',
    answer: answer<{ user: User; staffIdleMinutes?: number }>(),
  },
  'PATCH /api/me': {
    who: 'signed in',
    summary:
      "Change one's own name, phone (normalised to E.164; null removes it and turns SMS off) or locale",
    body: updateMeBody,
    answer: answer<{ user: User }>(),
  },
  'GET /api/me/preferences': {
    who: 'patient',
    summary: "The patient's notification preferences",
    answer: answer<Preferences>(),
  },
  'PUT /api/me/preferences': {
    who: 'patient',
    summary: "Save the patient's notification preferences",
    body: preferencesBody,
    answer: answer<Preferences>(),
  },
  'POST /api/auth/password-reset': {
    who: 'anyone',
    summary:
      'Ask for a password-reset email: 202 alike whether or not the account exists; 429 after 5 an hour per email',
    body: passwordResetBody,
    status: 202,
    answer: answer<{ message: string }>(),
  },
  'POST /api/auth/password-reset/confirm': {
    who: 'anyone',
    summary: 'Set a new password with an emailed reset token (single use, 30 minutes); ends every session',
    body: passwordResetConfirmBody,
    status: 204,
    answer: answer<void>(),
  },
  'POST /api/me/password': {
    who: 'signed in',
    summary: "Change one's own password: every other session ends, this one stays",
    body: changePasswordBody,
    status: 204,
    answer: answer<void>(),
  },
  'GET /api/me/export': {
    who: 'patient',
    summary: 'Everything held about the patient, as a JSON file to download',
    answer: answer<AccountExport>(),
  },
  'DELETE /api/me': {
    who: 'patient',
    summary:
      "Delete one's account (password confirmed): contact details erased, tickets and notifications kept unlinked",
    body: deleteAccountBody,
    status: 204,
    answer: answer<void>(),
  },

  'GET /api/queues': {
    who: 'anyone',
    summary: 'Every queue and its status',
    answer: answer<QueueStatus[]>(),
  },
  'GET /api/queues/:department': {
    who: 'anyone',
    summary: "One department's queue status",
    params: departmentParams,
    answer: answer<QueueStatus>(),
  },
  'POST /api/departments': {
    who: 'admin',
    summary: 'Create a department and its (closed) queue',
    body: createDepartmentBody,
    status: 201,
    answer: answer<{ department: Department }>(),
  },
  'GET /api/departments': {
    scope: 'read',
    who: 'nurse',
    summary: "The departments with their settings: an admin's all, a nurse's those assigned to them",
    answer: answer<Department[]>(),
  },
  'PATCH /api/departments/:code': {
    who: 'admin',
    summary:
      "Change a department's name, rooms, alert position, escalation delay, long-wait threshold or archive it",
    params: departmentCodeParams,
    body: departmentSettingsBody,
    answer: answer<{ department: Department }>(),
  },
  'POST /api/queues/:department/open': {
    scope: 'queues',
    who: 'nurse',
    department: 'params',
    summary: 'Open a queue and notify the patients who follow it',
    params: departmentParams,
    body: optionalBody(openQueueBody),
    answer: answer<QueueChangeAnswer>(),
  },
  'POST /api/queues/:department/close': {
    scope: 'queues',
    who: 'nurse',
    department: 'params',
    summary: 'Close a queue and notify the patients still waiting',
    params: departmentParams,
    body: optionalBody(closeQueueBody),
    answer: answer<QueueChangeAnswer>(),
  },
  'GET /api/queues/:department/log': {
    scope: 'read',
    who: 'nurse',
    department: 'params',
    summary: "A queue's audit log, newest first",
    params: departmentParams,
    query: auditLogQuery,
    answer: answer<AuditEntry[]>(),
  },
  'POST /operations/queue/status/': {
    scope: 'queues',
    who: 'nurse',
    department: 'body',
    summary: "Open or close a queue, in the older system's shape",
    body: legacyStatusBody,
    answer: answer<LegacyChangeAnswer>(),
  },
  'GET /operations/queue/status/': {
    who: 'anyone',
    summary: "A queue's status, in the older system's shape",
    query: legacyStatusQuery,
    answer: answer<{ status: LegacyStatus }>(),
  },

  'GET /api/notifications': {
    who: 'patient',
    summary: "The patient's notifications, newest first",
    query: notificationListQuery,
    answer: answer<NotificationPage>(),
  },
  'POST /api/notifications/:id/delivered': {
    who: 'owner',
    summary: 'A notification reached the device (token or push receipt)',
    params: idParams,
    query: receiptQuery,
    body: noBody,
    status: 204,
    answer: answer<void>(),
    receipt: true,
  },
  'POST /api/notifications/:id/read': {
    who: 'owner',
    summary: 'The patient read a notification',
    params: idParams,
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },
  'POST /api/notifications/read-all': {
    who: 'patient',
    summary: "Mark all the patient's notifications read",
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },
  'POST /api/notifications/retry-failed': {
    who: 'nurse',
    department: 'body',
    summary: 'Send failed notifications again',
    body: optionalBody(retryFailedBody),
    answer: answer<{ queued: number }>(),
  },
  'GET /api/notifications/stats': {
    scope: 'read',
    who: 'nurse',
    department: 'query',
    summary: 'Notification counts by delivery state',
    query: notificationStatsQuery,
    answer: answer<NotificationStats>(),
  },

  'GET /api/push/vapid-public-key': {
    who: 'anyone',
    summary: "The server's web-push public key",
    answer: answer<{ publicKey: string }>(),
  },
  'POST /api/push/subscriptions': {
    who: 'signed in',
    summary: "Save this device's push subscription",
    body: pushSubscriptionBody,
    status: 201,
    answer: answer<{ endpoint: string }>(),
  },
  'DELETE /api/push/subscriptions': {
    who: 'signed in',
    summary: "Forget this device's push subscription",
    body: pushUnsubscribeBody,
    status: 204,
    answer: answer<void>(),
  },
  'POST /api/email/unsubscribe': {
    who: 'anyone',
    summary: "Turn email off for the patient an email's signed one-click unsubscribe link names (RFC 8058)",
    query: unsubscribeQuery,
    body: unsubscribeBody,
    form: true,
    status: 204,
    answer: answer<void>(),
  },

  'POST /api/queues/:department/tickets': {
    who: 'patient',
    scope: 'tickets',
    idempotent: true,
    summary: 'Join a queue: a patient joins themselves; an API key with `tickets` joins `{patientId}`',
    params: departmentParams,
    body: joinQueueBody,
    status: 201,
    answer: answer<{ ticket: Ticket }>(),
  },
  'GET /api/tickets/mine': {
    who: 'patient',
    summary: "The patient's active tickets",
    answer: answer<Ticket[]>(),
  },
  'DELETE /api/tickets/:id': {
    who: 'owner',
    summary: 'Leave a queue (cancel a waiting ticket)',
    params: idParams,
    body: noBody,
    answer: answer<{ ticket: Ticket }>(),
  },
  'GET /api/queues/:department/tickets': {
    scope: 'read',
    who: 'nurse',
    department: 'params',
    summary: "A queue's active tickets: being seen, called, then waiting in call order",
    params: departmentParams,
    answer: answer<StaffTicket[]>(),
  },
  'POST /api/queues/:department/call-next': {
    scope: 'tickets',
    who: 'nurse',
    department: 'params',
    summary: 'Call the next patient to a room',
    params: departmentParams,
    body: callNextBody,
    answer: answer<{ ticket: Ticket }>(),
  },
  'POST /api/tickets/:id/recall': { ...ticketAction('Call the patient again'), scope: 'tickets' },
  'POST /api/tickets/:id/serve': ticketAction('The patient is being seen'),
  'POST /api/tickets/:id/complete': { ...ticketAction('The patient has been seen'), scope: 'tickets' },
  'POST /api/tickets/:id/no-show': ticketAction('The patient did not come'),
  'POST /api/tickets/:id/priority': {
    who: 'nurse',
    department: 'ticket',
    summary: 'Change how a waiting ticket is prioritised',
    params: idParams,
    body: priorityBody,
    answer: answer<{ ticket: Ticket }>(),
  },
  'POST /api/tickets/:id/transfer': {
    who: 'nurse',
    department: 'ticket',
    scope: 'tickets',
    idempotent: true,
    summary: 'Send the patient on to another department: the ticket ends transferred, a new one waits there',
    params: idParams,
    body: transferBody,
    answer: answer<TransferAnswer>(),
  },
  'POST /api/tickets/:id/requeue': {
    who: 'nurse',
    department: 'ticket',
    summary: 'A called or no-show ticket waits again, at the front or the back of the queue',
    params: idParams,
    body: requeueBody,
    answer: answer<{ ticket: Ticket }>(),
  },
  'POST /api/tickets/:id/undo': {
    who: 'nurse',
    department: 'ticket',
    summary: "Undo the ticket's last transition, made by this nurse less than 5 minutes ago",
    params: idParams,
    body: noBody,
    answer: answer<{ ticket: Ticket }>(),
  },
  'POST /api/tickets/:id/reply': {
    who: 'owner',
    summary: "The called patient answers the call (token, or the call push's receipt)",
    params: idParams,
    query: receiptQuery,
    body: replyBody,
    status: 204,
    answer: answer<void>(),
    receipt: true,
  },
  'GET /api/tickets/:id/events': {
    who: 'nurse',
    department: 'ticket',
    summary: "A ticket's history: joined, calls, replies, transfers, requeues, undos",
    params: idParams,
    answer: answer<TicketEvent[]>(),
  },
  'GET /api/queues/:department/metrics': {
    scope: 'read',
    who: 'nurse',
    department: 'params',
    summary: "A department's ticket figures for one day",
    params: departmentParams,
    query: metricsQuery,
    answer: answer<TicketMetrics>(),
  },

  'GET /api/schedules': {
    scope: 'read',
    who: 'nurse',
    department: 'query',
    summary: 'Opening schedules, of one department or all',
    query: scheduleListQuery,
    answer: answer<Schedule[]>(),
  },
  'POST /api/schedules': {
    who: 'nurse',
    department: 'body',
    summary: 'Create an opening schedule',
    body: scheduleBody,
    status: 201,
    answer: answer<{ schedule: Schedule }>(),
  },
  'PUT /api/schedules/:id': {
    who: 'nurse',
    department: ['schedule', 'body'],
    summary: 'Change an opening schedule',
    params: idParams,
    body: scheduleBody,
    answer: answer<{ schedule: Schedule }>(),
  },
  'DELETE /api/schedules/:id': {
    who: 'nurse',
    department: 'schedule',
    summary: 'Delete an opening schedule',
    params: idParams,
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },

  'GET /api/staff': {
    who: 'admin',
    summary: 'Every staff account (nurses and admins)',
    answer: answer<Staff[]>(),
  },
  'POST /api/staff': {
    idempotent: true,
    who: 'admin',
    summary:
      'Create a staff account; without a password, one is generated and shown once, or emailed with `invite: true`',
    body: createStaffBody,
    status: 201,
    answer: answer<CreatedStaff>(),
  },
  'PATCH /api/staff/:id': {
    who: 'admin',
    summary:
      "Change a staff member's name, role or departments, or disable them (signed out everywhere at once)",
    params: idParams,
    body: updateStaffBody,
    answer: answer<{ staff: Staff }>(),
  },
  'POST /api/staff/:id/reset-password': {
    who: 'admin',
    summary: 'Give a staff member a new generated password, shown once; their sessions end',
    params: idParams,
    body: noBody,
    answer: answer<{ password: string }>(),
  },
  'GET /api/admin/log': {
    who: 'admin',
    summary: 'What admins changed and when staff signed in, newest first',
    query: adminLogQuery,
    answer: answer<AdminLogPage>(),
  },
  'GET /api/admin/settings': {
    who: 'admin',
    summary: 'What the admin pages may offer: whether email is configured, for invitations',
    answer: answer<AdminSettings>(),
  },
  'GET /api/api-keys': {
    who: 'admin',
    summary: 'The API keys in force (never their secrets)',
    answer: answer<ApiKey[]>(),
  },
  'POST /api/api-keys': {
    who: 'admin',
    idempotent: true,
    summary: 'Make an API key for a hospital system; its secret (`qb_…`) is shown once',
    body: createApiKeyBody,
    status: 201,
    answer: answer<CreatedApiKey>(),
  },
  'DELETE /api/api-keys/:id': {
    who: 'admin',
    summary: 'Revoke an API key: it stops at once',
    params: idParams,
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },
  'POST /api/webhooks': {
    who: 'admin',
    idempotent: true,
    summary: 'Subscribe a hospital system to events; its signing secret (whsec_…) is shown once',
    body: createWebhookBody,
    status: 201,
    answer: answer<CreatedWebhook>(),
  },
  'GET /api/webhooks': {
    who: 'admin',
    summary: 'Every webhook (never its secret)',
    answer: answer<Webhook[]>(),
  },
  'PATCH /api/webhooks/:id': {
    who: 'admin',
    summary: "Change a webhook's URL or events, or turn it off or on again",
    params: idParams,
    body: updateWebhookBody,
    answer: answer<{ webhook: Webhook }>(),
  },
  'DELETE /api/webhooks/:id': {
    who: 'admin',
    summary: 'Delete a webhook and its deliveries',
    params: idParams,
    body: noBody,
    status: 204,
    answer: answer<void>(),
  },
  'GET /api/openapi.json': {
    who: 'anyone',
    summary: 'This OpenAPI 3.1 document, made from the route table the server validates with',
    answer: answer<Record<string, unknown>>(),
  },
  'GET /api/webhooks/:id/deliveries': {
    who: 'admin',
    summary: "A webhook's latest deliveries, newest first: status, attempts, last HTTP status",
    params: idParams,
    query: webhookDeliveriesQuery,
    answer: answer<WebhookDelivery[]>(),
  },
  'POST /api/webhooks/:id/test': {
    who: 'admin',
    summary: 'Send a webhook.test event to this webhook now (202: queued for delivery)',
    params: idParams,
    body: noBody,
    status: 202,
    answer: answer<{ deliveryId: number }>(),
  },
  'POST /api/auth/guest': {
    who: 'anyone',
    summary:
      'Join without registering: a guest patient with a name (and maybe a phone); rate-limited per address',
    body: guestBody,
    status: 201,
    answer: answer<AuthAnswer>(),
  },
  'POST /api/me/upgrade': {
    who: 'patient',
    summary: 'A guest becomes a full account with an email and a password, keeping their tickets',
    body: upgradeBody,
    answer: answer<{ user: User }>(),
  },
  'POST /api/appointments': {
    who: 'nurse',
    department: 'body',
    scope: 'appointments',
    idempotent: true,
    summary: 'Book a patient into a department at a time',
    body: createAppointmentBody,
    status: 201,
    answer: answer<{ appointment: StaffAppointment }>(),
  },
  'GET /api/appointments': {
    who: 'nurse',
    department: 'query',
    scope: 'appointments',
    summary:
      "A department's bookings of one day (the hospital's date; today when left out), with patient names",
    query: appointmentListQuery,
    answer: answer<StaffAppointment[]>(),
  },
  'POST /api/appointments/import': {
    who: 'nurse',
    department: 'body',
    scope: 'appointments',
    summary: "Book a day's list from CSV (time,patient,note): every line checked; a dry run books nothing",
    body: importAppointmentsBody,
    answer: answer<ImportAnswer>(),
  },
  'GET /api/appointments/mine': {
    who: 'patient',
    summary: "The patient's upcoming bookings",
    answer: answer<Appointment[]>(),
  },
  'POST /api/appointments/:id/check-in': {
    who: 'owner',
    summary:
      'Check in for a booking (30 minutes before to 15 after its time): a ticket due at the booked time',
    params: idParams,
    body: noBody,
    status: 201,
    answer: answer<{ ticket: Ticket }>(),
  },
  'DELETE /api/appointments/:id': {
    who: 'signed in',
    department: 'appointment',
    summary: 'Cancel a booking: staff of its department, or its own patient',
    params: idParams,
    body: noBody,
    answer: answer<{ appointment: Appointment }>(),
  },
  'GET /api/patients': {
    who: 'nurse',
    department: 'query',
    summary: 'Find patients to book by name or email (at most 10), for a department the nurse works in',
    query: patientSearchQuery,
    answer: answer<PatientMatch[]>(),
  },
} as const satisfies Record<string, RouteSpec>;

function ticketAction(summary: string) {
  return {
    who: 'nurse',
    department: 'ticket',
    summary,
    params: idParams,
    body: noBody,
    answer: answer<{ ticket: Ticket }>(),
  } as const satisfies RouteSpec;
}

export type Routes = typeof ROUTES;
export type RouteKey = keyof Routes;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type MethodOf<K extends RouteKey> = K extends `${infer M extends Method} ${string}` ? M : never;
export type PathOf<K extends RouteKey> = K extends `${Method} ${infer P}` ? P : never;
export type AnswerOf<K extends RouteKey> = Routes[K]['answer'] extends Answer<infer T> ? T : never;

/** The names of a path's `:parameters`. */
export type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A route's method and path, read from its key. */
export function splitRouteKey(key: RouteKey): { method: Method; path: string } {
  const [method, path] = key.split(' ') as [Method, string];
  return { method, path };
}

export const ROUTE_KEYS = Object.keys(ROUTES) as RouteKey[];

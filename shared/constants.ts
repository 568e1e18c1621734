/** Values both the server and the clients rely on. */
export const ROLES = ['patient', 'nurse', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['nurse', 'admin'];

/** Department codes: 2–16 chars of A-Z0-9_ (lower-case input is upper-cased). */
export const DEPARTMENT_CODE_PATTERN = /^[A-Z0-9_]{2,16}$/;

export const TOKEN_TTL_DAYS = 30;
export const MAX_BODY_BYTES = 64 * 1024;

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MINUTES = 15;

export const DEFAULT_ALERT_POSITION = 3;

/** Minutes per patient assumed before a department has completed any ticket today. */
export const DEFAULT_SERVICE_MINUTES = 5;

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'transferred',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Kept here, away from the zod schemas, so that clients can import it without bundling zod. */
export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving'];

/** A called patient's answers, from the app or from the call's push actions. */
export const CALL_REPLIES = ['on_my_way', 'need_more_time'] as const;
export type CallReply = (typeof CALL_REPLIES)[number];

/** The header in which the desktop console names its version (see CONSOLE_MIN_VERSION). */
export const CONSOLE_VERSION_HEADER = 'x-queuebell-console';

/**
 * Minutes without input after which the desktop console locks and asks the password again, unless the
 * server names its own (`STAFF_IDLE_MINUTES`, read from `GET /api/me`). A shared ward PC should not
 * leave one nurse's session to whoever sits down next.
 */
export const DEFAULT_STAFF_IDLE_MINUTES = 15;
/** The longest idle time the console accepts (from 1 minute): twelve hours, a long shift. */
export const MAX_STAFF_IDLE_MINUTES = 720;

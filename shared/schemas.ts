import { z } from 'zod';
import { DEPARTMENT_CODE_PATTERN, ROLES } from './constants';

/** Request and response shapes of the HTTP API, typed once for the server and every client. */

const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((value) => value.toLowerCase());

const password = z
  .string()
  .min(8, { message: 'must be at least 8 characters' })
  .max(200, { message: 'must be at most 200 characters' });

const personName = z.string().trim().min(1, { message: 'must not be empty' }).max(120);

/** The same rules wherever an account is made: registration, and an admin adding a staff member. */
export { email as emailSchema, password as passwordSchema, personName as personNameSchema };

/** A room as a call names it and a department lists it: `3`, `7B`, `Triage 2`. */
export const roomName = z.string().trim().min(1).max(32);

export const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'must be a language tag such as en or es-MX' });

export const departmentCode = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.string().regex(DEPARTMENT_CODE_PATTERN, { message: 'must be 2–16 characters of A-Z, 0-9 and _' }));

export const registerBody = z.strictObject({ email, password, name: personName, locale: locale.optional() });
export type RegisterBody = z.infer<typeof registerBody>;

/** `POST /api/auth/guest`: a name to be called by, optionally a phone (for SMS) and a language. */
export const guestBody = z.strictObject({
  name: personName,
  phone: z.string().trim().min(1, { message: 'must not be empty' }).max(40).optional(),
  locale: locale.optional(),
});
export type GuestBody = z.infer<typeof guestBody>;

/** `POST /api/me/upgrade`: a guest becomes a full account, keeping their tickets. */
export const upgradeBody = z.strictObject({ email, password });
export type UpgradeBody = z.infer<typeof upgradeBody>;

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof loginBody>;

/**
 * `email` and `sms` may be left out: a client written before they existed sends the other three, and
 * what the patient chose for them stays as it is.
 */
export const preferencesBody = z.strictObject({
  departments: z.union([z.literal('all'), z.array(departmentCode).max(100)]),
  push: z.boolean(),
  email: z.boolean().optional(),
  sms: z.boolean().optional(),
  locale,
});
export type PreferencesBody = z.infer<typeof preferencesBody>;

/** Which channels may reach the patient, and which departments' openings they hear about. */
export interface Preferences {
  departments: 'all' | string[];
  push: boolean;
  email: boolean;
  /** Only ever true with a phone on the account. */
  sms: boolean;
  locale: string;
}

/**
 * `PATCH /api/me`. The phone is checked and written in E.164 by the server (which knows the default
 * region); here only its size is bounded. null removes it.
 */
export const updateMeBody = z.strictObject({
  name: personName.optional(),
  phone: z.string().trim().min(1, { message: 'must not be empty' }).max(40).nullable().optional(),
  locale: locale.optional(),
});
export type UpdateMeBody = z.infer<typeof updateMeBody>;

export const createDepartmentBody = z.strictObject({
  code: departmentCode,
  name: z.string().trim().min(1).max(120),
});
export type CreateDepartmentBody = z.infer<typeof createDepartmentBody>;

export const roleSchema = z.enum(ROLES);

/** A department's code in a path (`/api/queues/:department/…`). */
export const departmentParams = z.object({ department: departmentCode });

/**
 * A record's id in a path: digits only, so " 1", "1e0" or "0x1" never act on record 1.
 */
export const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
    .transform(Number)
    .refine(Number.isSafeInteger, 'is too large'),
});

/** The body of a route that takes none: absent, or `{}`; anything else is refused like an unknown field. */
export const noBody = z.strictObject({}).optional();

export interface User {
  id: number;
  /** null for a guest (who joined without registering) until they upgrade. */
  email: string | null;
  name: string;
  role: z.infer<typeof roleSchema>;
  locale: string;
  /** E.164, or null. Only ever in the user's own answers. */
  phone: string | null;
  /** Joined without registering: a patient in every way, until `POST /api/me/upgrade` gives an email. */
  guest: boolean;
}

export interface AuthAnswer {
  token: string;
  user: User;
}

export interface Department {
  id: number;
  code: string;
  name: string;
  /** The rooms a call may name; empty: any room. */
  rooms: string[];
  /** 1–20: the position at which a patient is told "almost your turn". */
  alertPosition: number;
  /** 10–600: how long a call or "almost your turn" waits for a confirmation before SMS or email. */
  escalateAfterSeconds: number;
  /** 5–600: a waiting ticket older than this makes `ticket:long_wait` for staff. */
  longWaitMinutes: number;
  /** Out of `GET /api/queues`, accepting no joins; its history stays. */
  archived: boolean;
}

export interface NowServing {
  ticket: string;
  room: string;
  calledAt: string;
}

export interface QueueStatus {
  id: number;
  department: string;
  name: string;
  isOpen: boolean;
  totalWaiting: number;
  statusMessage: string;
  openedAt: string | null;
  closedAt: string | null;
  scheduledCloseAt: string | null;
  manualOverride: boolean;
  nowServing: NowServing[];
  estimatedWaitMinutes: number;
  /**
   * What someone joining now can expect, as a range in minutes drawn from the spread of recent service
   * times; null with nobody waiting or too few recent service times to draw from.
   */
  estimatedWaitRange: { low: number; high: number } | null;
}

import { z } from 'zod';
import { departmentCode, emailSchema, passwordSchema, personNameSchema } from './schemas';

/** Staff accounts and the admin log: `GET/POST /api/staff`, `PATCH /api/staff/:id`, `GET /api/admin/log`. */

export const STAFF_ROLE_NAMES = ['nurse', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLE_NAMES)[number];

/** "all", or the codes a nurse acts on (repeats dropped; an empty list is a nurse with none yet). */
export const staffDepartmentsSchema = z.union([
  z.literal('all'),
  z
    .array(departmentCode)
    .max(100)
    .transform((codes) => [...new Set(codes)]),
]);

export const createStaffBody = z
  .strictObject({
    email: emailSchema,
    name: personNameSchema,
    role: z.enum(STAFF_ROLE_NAMES),
    departments: staffDepartmentsSchema.optional(),
    password: passwordSchema.optional(),
    /** Email the new account a generated one-time password instead of answering it (needs SMTP_URL). */
    invite: z.boolean().optional(),
  })
  .refine((body) => !(body.invite === true && body.password !== undefined), {
    path: ['invite'],
    message: 'an invitation sends a generated password: leave out password',
  });
export type CreateStaffBody = z.infer<typeof createStaffBody>;

export const updateStaffBody = z.strictObject({
  name: personNameSchema.optional(),
  role: z.enum(STAFF_ROLE_NAMES).optional(),
  departments: staffDepartmentsSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateStaffBody = z.infer<typeof updateStaffBody>;

export interface Staff {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  /** What a nurse acts on. An admin acts on every department whatever this says. */
  departments: 'all' | string[];
  createdAt: string;
  lastSeenAt: string | null;
}

export interface CreatedStaff {
  staff: Staff;
  /** Only when the server generated it and sent no invitation: shown once, stored only hashed. */
  password?: string;
  /** True when the password went to the new account's email instead (`invite: true`). */
  invited?: boolean;
}

/** `GET /api/admin/settings`: what this server can do that the admin pages offer or not. */
export interface AdminSettings {
  /** Whether email is configured (SMTP_URL), so a new account can be invited by email. */
  emailConfigured: boolean;
}

export const ADMIN_ACTIONS = [
  'staff.created',
  'staff.updated',
  'staff.password_reset',
  'staff.signed_in',
  'department.created',
  'department.updated',
  'api_key.created',
  'api_key.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.deactivated',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

export interface AdminLogEntry {
  id: number;
  /** Who did it; null for the server's own command line (`npm run cli`). */
  actor: { id: number; name: string } | null;
  action: AdminAction;
  /** What it was done to: `staff:<id>`, `department:<code>`, `api_key:<id>` or `webhook:<id>`. */
  target: string;
  /** The fields that changed, as they were and as they became (`before` null for a creation). */
  details: { before: Record<string, unknown> | null; after: Record<string, unknown> | null } & Record<
    string,
    unknown
  >;
  at: string;
}

export interface AdminLogPage {
  items: AdminLogEntry[];
  nextCursor: string | null;
}

export const adminLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

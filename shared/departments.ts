import { z } from 'zod';
import { departmentCode, roomName } from './schemas';

/** A department's settings, changed by an admin: `PATCH /api/departments/:code`. */

/** The department a `/api/departments/:code` path names. */
export const departmentCodeParams = z.strictObject({ code: departmentCode });

export const departmentSettingsBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  rooms: z
    .array(roomName)
    .max(50)
    .refine((rooms) => new Set(rooms.map((room) => room.toLowerCase())).size === rooms.length, {
      message: 'must not name a room twice',
    })
    .optional(),
  alertPosition: z.number().int().min(1).max(20).optional(),
  escalateAfterSeconds: z.number().int().min(10).max(600).optional(),
  longWaitMinutes: z.number().int().min(5).max(600).optional(),
  archived: z.boolean().optional(),
});
export type DepartmentSettingsBody = z.infer<typeof departmentSettingsBody>;

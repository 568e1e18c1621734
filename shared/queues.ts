import { z } from 'zod';
import { departmentCode } from './schemas';
import type { QueueStatus } from './schemas';

export const openQueueBody = z.strictObject({
  manualOverride: z.boolean().optional(),
  note: z.string().trim().max(500).optional(),
});
export const closeQueueBody = z.strictObject({ note: z.string().trim().max(500).optional() });

/** The older Django system's route: `POST /operations/queue/status/`. */
export const legacyStatusBody = z.strictObject({ department: departmentCode, is_open: z.boolean() });
export const legacyStatusQuery = z.strictObject({ department: departmentCode });

/** A queue's status in the older system's snake_case shape. */
export interface LegacyStatus {
  id: number;
  department: string;
  is_open: boolean;
  total_waiting: number;
  status_message: string;
}

export interface LegacyChangeAnswer {
  message: string;
  status: LegacyStatus;
  notification_stats: { total_patients_notified: number; notification_failures: number };
}

export const auditLogQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export interface NotificationStatsOfChange {
  totalPatientsNotified: number;
  notificationFailures: number;
}

export interface QueueChangeAnswer {
  message: string;
  status: QueueStatus;
  notificationStats: NotificationStatsOfChange;
}

export interface AuditEntry {
  id: number;
  department: string;
  previousStatus: 'open' | 'closed';
  newStatus: 'open' | 'closed';
  reason: 'manual' | 'schedule' | 'api';
  changedBy: { id: number; name: string } | null;
  note: string | null;
  changedAt: string;
}

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM (00:00–23:59)' });

export const scheduleFields = {
  daysOfWeek: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, { message: 'must not repeat a day' }),
  startTime: time,
  endTime: time,
  autoOpen: z.boolean().optional(),
  isActive: z.boolean().optional(),
};

/** A window that ends at or before its start runs past midnight (22:00–06:00 ends the next morning). */
export const scheduleBody = z
  .strictObject({ department: departmentCode, ...scheduleFields })
  .refine((body) => body.startTime !== body.endTime, {
    message: 'must differ from startTime',
    path: ['endTime'],
  });
export type ScheduleBody = z.infer<typeof scheduleBody>;

export const scheduleListQuery = z.strictObject({ department: departmentCode.optional() });

export interface Schedule {
  id: number;
  department: string;
  daysOfWeek: number[];
  startTime: string;
  endTime: string;
  autoOpen: boolean;
  isActive: boolean;
}

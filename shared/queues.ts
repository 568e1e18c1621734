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

import { z } from 'zod';

export { ACTIVE_TICKET_STATUSES, TICKET_STATUSES } from './constants';
export type { TicketStatus } from './constants';
import type { TicketStatus } from './constants';

/** The four actions on a called or served ticket, as their routes (`POST /api/tickets/:id/<action>`) name them. */
export type TicketAction = 'recall' | 'serve' | 'complete' | 'no-show';

export const PRIORITIES = ['normal', 'urgent', 'emergency'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Ticket {
  id: number;
  number: string;
  department: string;
  status: TicketStatus;
  /** 1 for the next patient; null once called. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  room: string | null;
  joinedAt: string;
  calledAt: string | null;
  completedAt: string | null;
}

/** What staff see in the waiting list: the ticket, the patient's name and how it is prioritised. */
export interface StaffTicket extends Ticket {
  patientName: string;
  priority: Priority;
  callCount: number;
}

export const callNextBody = z.strictObject({ room: z.string().trim().min(1).max(32) });
export const priorityBody = z.strictObject({
  priority: z.enum(PRIORITIES),
  reason: z.string().trim().min(1).max(500),
});
export const metricsQuery = z.strictObject({ date: z.iso.date().optional() });

export interface TicketMetrics {
  department: string;
  date: string;
  joined: number;
  served: number;
  noShow: number;
  cancelled: number;
  waitMinutes: { median: number | null; p90: number | null };
  serviceMinutes: { median: number | null; p90: number | null };
  perHour: Array<{ hour: number; joined: number; called: number; served: number; noShow: number }>;
}

import { z } from 'zod';
import type { ChannelDelivery, ChannelName, DeliveryStatus } from './notifications';
import { roomName } from './schemas';

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
  /** The booked time of the appointment this ticket was checked in from; null for a walk-in. */
  appointmentAt: string | null;
  /** The wait in minutes as a range drawn from the spread of recent service times; null without one. */
  estimatedWaitRange: WaitRange | null;
}

export interface WaitRange {
  low: number;
  high: number;
}

/** What staff see in the waiting list: the ticket, the patient's name and how it is prioritised. */
export interface StaffTicket extends Ticket {
  patientName: string;
  priority: Priority;
  callCount: number;
  /** The best way the patient can be reached right now. */
  reachability: Reachability;
  /** The latest call of this ticket and how it travelled, or null before the first call. */
  lastCall: LastCall | null;
}

/**
 * `push`: a subscription that accepted a push in the last 14 days, or a socket connected now; `sms` and
 * `email`: what they allow; `display`: only the waiting-room screen will tell them.
 */
export const REACHABILITIES = ['push', 'sms', 'email', 'display'] as const;
export type Reachability = (typeof REACHABILITIES)[number];

export interface LastCall {
  notificationId: number;
  deliveryStatus: DeliveryStatus;
  channels: ChannelDelivery[];
}

export const callNextBody = z.strictObject({ room: roomName });
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

/** To staff of the department: a call that no channel could deliver; the nurse should call the name aloud. */
export interface TicketUnreachedEvent {
  ticketId: number;
  department: string;
  number: string;
  notificationId: number;
}

/** To staff of the department: a client confirmed a call, on this channel. */
export interface TicketReachedEvent {
  ticketId: number;
  department: string;
  number: string;
  channel: ChannelName;
}

/**
 * To staff of the department, once per ticket: a waiting ticket has waited longer than the department's
 * `longWaitMinutes`.
 */
export interface TicketLongWaitEvent {
  ticketId: number;
  department: string;
  number: string;
  waitingMinutes: number;
}

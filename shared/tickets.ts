import { z } from 'zod';
import type { ChannelDelivery, ChannelName, DeliveryStatus } from './notifications';
import { departmentCode, roomName } from './schemas';

export { ACTIVE_TICKET_STATUSES, CALL_REPLIES, TICKET_STATUSES } from './constants';
export type { CallReply, TicketStatus } from './constants';
import { CALL_REPLIES } from './constants';
import type { CallReply, TicketStatus } from './constants';

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
  /** The ticket this one was transferred from (the patient's previous department), or null. */
  transferredFrom: TicketLink | null;
  /** The ticket this one was transferred to, once its status is `transferred`; else null. */
  transferredTo: TicketLink | null;
}

export interface WaitRange {
  low: number;
  high: number;
}

/** One end of a transfer: the other ticket, by id, department and number. */
export interface TicketLink {
  ticketId: number;
  department: string;
  number: string;
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
  /** Staff were told it has waited longer than its department allows (`ticket:long_wait`). */
  longWait: boolean;
  /** What the patient answered the latest call ("on my way"…), or null: no answer since that call. */
  reply: { reply: CallReply; at: string } | null;
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

/** `POST /api/tickets/:id/transfer`: where the patient goes next, why, and whether their priority goes with them. */
export const transferBody = z.strictObject({
  department: departmentCode,
  note: z.string().trim().max(500).optional(),
  keepPriority: z.boolean().optional(),
});
export interface TransferAnswer {
  /** The ticket the patient leaves, now `transferred`. */
  from: Ticket;
  /** The new waiting ticket in the other department. */
  to: Ticket;
}

export const REQUEUE_PLACEMENTS = ['front', 'back'] as const;
export type RequeuePlacement = (typeof REQUEUE_PLACEMENTS)[number];
export const requeueBody = z.strictObject({ placement: z.enum(REQUEUE_PLACEMENTS) });

/** A nurse can undo their own last transition of a ticket for this long. */
export const UNDO_WINDOW_SECONDS = 5 * 60;

/** A called patient's answer, from the app or from the call's push. */
export const replyBody = z.strictObject({ reply: z.enum(CALL_REPLIES) });

/** To staff of the department: the called patient answered. */
export interface TicketReplyEvent {
  ticketId: number;
  department: string;
  number: string;
  reply: CallReply;
  at: string;
}

/** What one ticket event is: its kind as recorded (`called`, `transferred`, `reply`, …). */
export const TICKET_EVENT_KINDS = [
  'joined',
  'called',
  'recalled',
  'serve',
  'complete',
  'no_show',
  'cancelled',
  'priority',
  'transferred',
  'requeued',
  'undone',
  'reply',
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** One step of a ticket's history (`GET /api/tickets/:id/events`), oldest first. */
export interface TicketEvent {
  id: number;
  kind: TicketEventKind;
  at: string;
  /** Who did it: the nurse, or the patient for a join, a cancel or a reply; null when unknown. */
  actor: { id: number; name: string } | null;
  room: string | null;
  priority: Priority | null;
  reason: string | null;
  /** A transfer: the other ticket. */
  ticket: TicketLink | null;
  /** A requeue: where the ticket went. */
  placement: RequeuePlacement | null;
  /** A reply: what the patient said. */
  reply: CallReply | null;
  /** An undo: the kind of event it undid. */
  undid: TicketEventKind | null;
  /** When a nurse undid this event, or null. */
  undoneAt: string | null;
}

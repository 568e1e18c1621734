import type { AppointmentsChangedEvent } from './appointments';
import type { Notification } from './notifications';
import type { QueueStatus } from './schemas';
import type {
  StaffTicket,
  Ticket,
  TicketLongWaitEvent,
  TicketReachedEvent,
  TicketReplyEvent,
  TicketUnreachedEvent,
} from './tickets';

/** Socket.IO events, typed once for the server and every client. */
export interface TicketCalledEvent {
  department: string;
  number: string;
  room: string;
  calledAt: string;
}

export type SubscribeAck = (
  answer: { ok: true; departments: string[] } | { ok: false; error: string },
) => void;

export interface ServerToClientEvents {
  'queue:status': (status: QueueStatus) => void;
  'ticket:called': (event: TicketCalledEvent) => void;
  /** The client acknowledges (Socket.IO ack) to mark it delivered. */
  'notification:new': (notification: Notification, ack: (received: boolean) => void) => void;
  /** Owners get a Ticket; staff get a StaffTicket (with the patient's name and priority). */
  'ticket:updated': (ticket: Ticket | StaffTicket) => void;
  'ticket:unreached': (event: TicketUnreachedEvent) => void;
  'ticket:reached': (event: TicketReachedEvent) => void;
  /** To staff of the department, once per ticket: it has waited longer than the department's `longWaitMinutes`. */
  'ticket:long_wait': (event: TicketLongWaitEvent) => void;
  /** To staff of the department: a called patient's answer ("on my way", "need more time"). */
  'ticket:reply': (event: TicketReplyEvent) => void;
  /** To staff of the department: its bookings changed; a day's list is read again. No patient in it. */
  'appointments:changed': (event: AppointmentsChangedEvent) => void;
}

export interface ClientToServerEvents {
  'queue:subscribe': (departments: string[] | 'all', ack?: SubscribeAck) => void;
  'notification:ack': (id: number) => void;
}

import type { NotificationStats } from '../../../shared/notifications';
import type { AuditEntry, QueueChangeAnswer, Schedule, ScheduleBody } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import type { Priority, StaffTicket, Ticket, TicketMetrics } from '../../../shared/tickets';
import { createApiClient } from '../../../shared/api-client';
import type { Session } from './session';

export type TicketAction = 'recall' | 'serve' | 'complete' | 'no-show';

/** Every server call the console makes, typed by the shared contracts. */
export interface ConsoleClient {
  queues(): Promise<QueueStatus[]>;
  openQueue(
    department: string,
    body: { manualOverride?: boolean; note?: string },
  ): Promise<QueueChangeAnswer>;
  closeQueue(department: string, body: { note?: string }): Promise<QueueChangeAnswer>;
  auditLog(department: string, limit?: number): Promise<AuditEntry[]>;
  tickets(department: string): Promise<StaffTicket[]>;
  callNext(department: string, room: string): Promise<Ticket>;
  ticketAction(id: number, action: TicketAction): Promise<Ticket>;
  setPriority(id: number, priority: Priority, reason: string): Promise<Ticket>;
  metrics(department: string, date?: string): Promise<TicketMetrics>;
  notificationStats(department: string, since: string): Promise<NotificationStats>;
  retryFailed(department: string): Promise<{ queued: number }>;
  schedules(department: string): Promise<Schedule[]>;
  createSchedule(body: ScheduleBody): Promise<Schedule>;
  updateSchedule(id: number, body: ScheduleBody): Promise<Schedule>;
  deleteSchedule(id: number): Promise<void>;
}

/**
 * `onUnauthenticated` runs when the server stops accepting the token (revoked, expired): the console
 * goes back to sign-in instead of showing the same error on every panel.
 */
export function createClient(session: Session, onUnauthenticated: () => void): ConsoleClient {
  const api = createApiClient({ baseUrl: session.serverUrl, token: () => session.token, onUnauthenticated });
  return {
    queues: () => api('GET /api/queues'),
    openQueue: (department, body) =>
      api('POST /api/queues/:department/open', { params: { department }, body }),
    closeQueue: (department, body) =>
      api('POST /api/queues/:department/close', { params: { department }, body }),
    auditLog: (department, limit = 50) =>
      api('GET /api/queues/:department/log', { params: { department }, query: { limit } }),
    tickets: (department) => api('GET /api/queues/:department/tickets', { params: { department } }),
    callNext: async (department, room) =>
      (await api('POST /api/queues/:department/call-next', { params: { department }, body: { room } }))
        .ticket,
    ticketAction: async (id, action) =>
      (await api(`POST /api/tickets/:id/${action}`, { params: { id } })).ticket,
    setPriority: async (id, priority, reason) =>
      (await api('POST /api/tickets/:id/priority', { params: { id }, body: { priority, reason } })).ticket,
    metrics: (department, date) =>
      api('GET /api/queues/:department/metrics', { params: { department }, query: { date } }),
    notificationStats: (department, since) =>
      api('GET /api/notifications/stats', { query: { department, since } }),
    retryFailed: (department) => api('POST /api/notifications/retry-failed', { body: { department } }),
    schedules: (department) => api('GET /api/schedules', { query: { department } }),
    createSchedule: async (body) => (await api('POST /api/schedules', { body })).schedule,
    updateSchedule: async (id, body) =>
      (await api('PUT /api/schedules/:id', { params: { id }, body })).schedule,
    deleteSchedule: (id) => api('DELETE /api/schedules/:id', { params: { id } }),
  };
}

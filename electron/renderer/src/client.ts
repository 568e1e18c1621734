import type { NotificationStats } from '../../../shared/notifications';
import type { AuditEntry, QueueChangeAnswer, Schedule, ScheduleBody } from '../../../shared/queues';
import type { QueueStatus } from '../../../shared/schemas';
import type { Priority, StaffTicket, Ticket, TicketMetrics } from '../../../shared/tickets';
import { ApiError, apiRequest } from './api';
import type { RequestOptions } from './api';
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

const dept = (code: string) => encodeURIComponent(code);

/**
 * `onUnauthenticated` runs when the server stops accepting the token (revoked, expired): the console
 * goes back to sign-in instead of showing the same error on every panel.
 */
export function createClient(session: Session, onUnauthenticated: () => void): ConsoleClient {
  async function call<T>(path: string, options: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    try {
      return await apiRequest<T>(session.serverUrl, path, { ...options, token: session.token });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthenticated();
      throw error;
    }
  }
  const post = <T>(path: string, body: unknown = {}) => call<T>(path, { method: 'POST', body });

  return {
    queues: () => call('/api/queues'),
    openQueue: (department, body) => post(`/api/queues/${dept(department)}/open`, body),
    closeQueue: (department, body) => post(`/api/queues/${dept(department)}/close`, body),
    auditLog: (department, limit = 50) => call(`/api/queues/${dept(department)}/log?limit=${limit}`),
    tickets: (department) => call(`/api/queues/${dept(department)}/tickets`),
    callNext: async (department, room) =>
      (await post<{ ticket: Ticket }>(`/api/queues/${dept(department)}/call-next`, { room })).ticket,
    ticketAction: async (id, action) =>
      (await post<{ ticket: Ticket }>(`/api/tickets/${id}/${action}`)).ticket,
    setPriority: async (id, priority, reason) =>
      (await post<{ ticket: Ticket }>(`/api/tickets/${id}/priority`, { priority, reason })).ticket,
    metrics: (department, date) =>
      call(`/api/queues/${dept(department)}/metrics${date ? `?date=${encodeURIComponent(date)}` : ''}`),
    notificationStats: (department, since) =>
      call(`/api/notifications/stats?${new URLSearchParams({ department, since }).toString()}`),
    retryFailed: (department) => post('/api/notifications/retry-failed', { department }),
    schedules: (department) => call(`/api/schedules?department=${dept(department)}`),
    createSchedule: async (body) => (await post<{ schedule: Schedule }>('/api/schedules', body)).schedule,
    updateSchedule: async (id, body) =>
      (await call<{ schedule: Schedule }>(`/api/schedules/${id}`, { method: 'PUT', body })).schedule,
    deleteSchedule: (id) => call(`/api/schedules/${id}`, { method: 'DELETE' }),
  };
}

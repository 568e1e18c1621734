import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { AppointmentsChangedEvent } from '../../../shared/appointments';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '../../../shared/events';
import { LiveSync } from '../../../shared/live-sync';
import type { QueueStatus } from '../../../shared/schemas';
import type {
  StaffTicket,
  Ticket,
  TicketLongWaitEvent,
  TicketReachedEvent,
  TicketReplyEvent,
  TicketUnreachedEvent,
} from '../../../shared/tickets';

export type LiveEvent =
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'status'; status: QueueStatus }
  | { kind: 'ticket'; ticket: Ticket | StaffTicket }
  | { kind: 'called'; event: TicketCalledEvent }
  | { kind: 'unreached'; event: TicketUnreachedEvent }
  | { kind: 'reached'; event: TicketReachedEvent }
  | { kind: 'longWait'; event: TicketLongWaitEvent }
  | { kind: 'reply'; event: TicketReplyEvent }
  | { kind: 'appointments'; event: AppointmentsChangedEvent };

export type LiveListener = (event: LiveEvent) => void;

const SUBSCRIBE_TIMEOUT_MS = 5_000;

/**
 * The console's Socket.IO connection, kept live by the shared live-sync (`shared/live-sync.ts`). The
 * server is the authority: events only tell the panels that something changed, and they read the server
 * again. `connected` drives the offline banner and the disabled actions; every (re)connect subscribes
 * again and tells the panels to refresh, so a gap while offline is closed by a fresh read.
 */
export class LiveConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly sync: LiveSync;
  private readonly listeners = new Set<LiveListener>();
  private readonly stateListeners = new Set<() => void>();
  connected = false;

  constructor(serverUrl: string, token: string, onUnauthenticated: () => void) {
    this.socket = io(serverUrl, {
      path: '/socket.io',
      // WebSocket only: one connection, one CSP entry, no long-polling requests to authorise.
      transports: ['websocket'],
      auth: { token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 4000,
      autoConnect: false,
    });
    this.sync = new LiveSync({
      socket: this.socket,
      backoff: { minMs: 500, maxMs: 4_000 },
      subscribe: () => this.subscribeRooms(),
      onLive: () => {
        this.setConnected(true);
        this.emit({ kind: 'connected' });
      },
      onDown: () => {
        if (!this.connected) return;
        this.setConnected(false);
        this.emit({ kind: 'disconnected' });
      },
      onRefused: onUnauthenticated,
    });
    this.socket.on('queue:status', (status) => this.emit({ kind: 'status', status }));
    this.socket.on('ticket:updated', (ticket) => this.emit({ kind: 'ticket', ticket }));
    this.socket.on('ticket:called', (event) => this.emit({ kind: 'called', event }));
    this.socket.on('ticket:unreached', (event) => this.emit({ kind: 'unreached', event }));
    this.socket.on('ticket:reached', (event) => this.emit({ kind: 'reached', event }));
    this.socket.on('ticket:long_wait', (event) => this.emit({ kind: 'longWait', event }));
    this.socket.on('ticket:reply', (event) => this.emit({ kind: 'reply', event }));
    this.socket.on('appointments:changed', (event) => this.emit({ kind: 'appointments', event }));
  }

  start(): void {
    this.sync.start();
  }

  /** Handlers stay attached, so start() after close() works (React runs effects twice in development). */
  close(): void {
    this.sync.stop();
    this.setConnected(false);
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** For useSyncExternalStore. */
  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  getConnected = (): boolean => this.connected;

  private async subscribeRooms(): Promise<void> {
    const answer = await this.socket.timeout(SUBSCRIBE_TIMEOUT_MS).emitWithAck('queue:subscribe', 'all');
    if (!answer.ok) throw new Error(answer.error);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const listener of this.stateListeners) listener();
  }

  private emit(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

export function isStaffTicket(ticket: Ticket | StaffTicket): ticket is StaffTicket {
  return 'patientName' in ticket;
}

import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '../../../shared/events';
import type { QueueStatus } from '../../../shared/schemas';
import type { StaffTicket, Ticket } from '../../../shared/tickets';

export type LiveEvent =
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'status'; status: QueueStatus }
  | { kind: 'ticket'; ticket: Ticket | StaffTicket }
  | { kind: 'called'; event: TicketCalledEvent };

export type LiveListener = (event: LiveEvent) => void;

/**
 * The console's Socket.IO connection. The server is the authority: events only tell the panels that
 * something changed, and they read the server again. `connected` drives the offline banner and the
 * disabled actions; every (re)connect subscribes again and tells the panels to refresh, so a gap while
 * offline is closed by a fresh read.
 */
export class LiveConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
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
    this.socket.on('connect', () => {
      this.socket.emit('queue:subscribe', 'all', () => {
        this.setConnected(true);
        this.emit({ kind: 'connected' });
      });
    });
    this.socket.on('disconnect', (reason) => {
      this.setConnected(false);
      this.emit({ kind: 'disconnected' });
      // A server shutting down disconnects us itself; Socket.IO retries on its own only after other causes.
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('connect_error', (error) => {
      if (error.message === 'unauthenticated') onUnauthenticated();
    });
    this.socket.on('queue:status', (status) => this.emit({ kind: 'status', status }));
    this.socket.on('ticket:updated', (ticket) => this.emit({ kind: 'ticket', ticket }));
    this.socket.on('ticket:called', (event) => this.emit({ kind: 'called', event }));
  }

  start(): void {
    this.socket.connect();
  }

  /** Handlers stay attached, so start() after close() works (React runs effects twice in development). */
  close(): void {
    this.socket.disconnect();
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

import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../../shared/notifications';
import type { QueueStatus } from '../../../../shared/schemas';
import type { Ticket } from '../../../../shared/tickets';
import { createChangeLog } from '../../../../shared/live-sync';
import { EMPTY_DATA, mergeNotifications, reduceData } from './state';

const at = '2026-11-28T09:00:00.000Z';

function notification(id: number, readAt: string | null = null): Notification {
  return {
    id,
    type: 'queue_opened',
    department: 'OPD',
    title: 't',
    body: 'b',
    data: {},
    deliveryStatus: 'sent',
    createdAt: at,
    sentAt: at,
    deliveredAt: null,
    readAt,
    channels: [],
  };
}

function ticket(id: number, status: Ticket['status']): Ticket {
  return {
    id,
    number: `OPD-00${id}`,
    department: 'OPD',
    status,
    position: status === 'waiting' ? 1 : null,
    estimatedWaitMinutes: 5,
    room: status === 'waiting' ? null : '3',
    joinedAt: at,
    calledAt: null,
    completedAt: null,
    transferredFrom: null,
    transferredTo: null,
    appointmentAt: null,
    estimatedWaitRange: null,
  };
}

function queue(department: string, isOpen: boolean): QueueStatus {
  return {
    id: department.length,
    department,
    name: department,
    isOpen,
    totalWaiting: 0,
    statusMessage: isOpen ? 'Queue Open - No Wait' : 'Queue Closed',
    openedAt: isOpen ? at : null,
    closedAt: isOpen ? null : at,
    scheduledCloseAt: null,
    manualOverride: false,
    nowServing: [],
    estimatedWaitMinutes: 0,
    estimatedWaitRange: null,
  };
}

describe('patient data', () => {
  it('keeps each notification once, newest first, whatever the order they arrive in', () => {
    const merged = mergeNotifications([notification(2)], [notification(3), notification(1), notification(2)]);
    expect(merged.map((item) => item.id)).toEqual([3, 2, 1]);
  });

  it('does not let an older server copy undo a read made on this device', () => {
    const merged = mergeNotifications([notification(5, at)], [notification(5, null)]);
    expect(merged[0]?.readAt).toBe(at);
  });

  it('keeps reads made offline pending until sent', () => {
    let state = reduceData(EMPTY_DATA, { type: 'notification', notification: notification(7), at });
    state = reduceData(state, { type: 'read', ids: [7], at, pending: true });
    expect(state.notifications[0]?.readAt).toBe(at);
    expect(state.pendingReads).toEqual([7]);
    state = reduceData(state, { type: 'readsSent', ids: [7] });
    expect(state.pendingReads).toEqual([]);
  });

  it('drops a ticket from "mine" once it is cancelled, served or missed', () => {
    let state = reduceData(EMPTY_DATA, { type: 'ticket', ticket: ticket(1, 'waiting'), at });
    state = reduceData(state, { type: 'ticket', ticket: ticket(1, 'called'), at });
    expect(state.tickets.map((item) => item.status)).toEqual(['called']);
    state = reduceData(state, { type: 'ticket', ticket: ticket(1, 'no_show'), at });
    expect(state.tickets).toEqual([]);
  });

  it('takes the cursor for older pages from the first page only, or from an older page', () => {
    let state = reduceData(EMPTY_DATA, {
      type: 'notifications',
      page: { items: [notification(30)], nextCursor: '30' },
      older: false,
      at,
    });
    state = reduceData(state, {
      type: 'notifications',
      page: { items: [notification(31)], nextCursor: '31' },
      older: false,
      at,
    });
    expect(state.olderCursor).toBe('30');
    state = reduceData(state, { type: 'notifications', page: { items: [notification(29)], nextCursor: null }, older: true, at });
    expect(state.olderCursor).toBeNull();
  });

  it('does not let a list asked for before a live update undo it', () => {
    // The app connects and asks for the queues; PHARM opens; the socket says so before the list arrives.
    const changes = createChangeLog<string>();
    let state = reduceData(EMPTY_DATA, { type: 'queues', queues: [queue('OPD', true), queue('PHARM', false)], at });
    const mark = changes.mark();
    changes.record('PHARM');
    state = reduceData(state, { type: 'queue', queue: queue('PHARM', true), at });
    state = reduceData(state, {
      type: 'queues',
      queues: [queue('OPD', false), queue('PHARM', false)],
      at,
      newerHere: changes.since(mark),
    });
    // PHARM stays open (the list was older); OPD, which no live update touched, takes the list's state.
    expect(state.queues.map((item) => [item.department, item.isOpen])).toEqual([
      ['OPD', false],
      ['PHARM', true],
    ]);
    // A list asked for after the update is taken whole.
    state = reduceData(state, { type: 'queues', queues: [queue('PHARM', false)], at, newerHere: changes.since(changes.mark()) });
    expect(state.queues.map((item) => [item.department, item.isOpen])).toEqual([['PHARM', false]]);
  });

  it('keeps what live updates said of tickets since the list was asked for: added, changed or gone', () => {
    const changes = createChangeLog<number>();
    let state = reduceData(EMPTY_DATA, { type: 'tickets', tickets: [ticket(1, 'waiting'), ticket(2, 'waiting')], at });
    const mark = changes.mark();
    changes.record(1);
    state = reduceData(state, { type: 'ticket', ticket: ticket(1, 'done'), at });
    changes.record(3);
    state = reduceData(state, { type: 'ticket', ticket: ticket(3, 'waiting'), at });
    state = reduceData(state, {
      type: 'tickets',
      tickets: [ticket(1, 'called'), ticket(2, 'called')],
      at,
      newerHere: changes.since(mark),
    });
    expect(state.tickets.map((item) => [item.id, item.status]).sort()).toEqual([
      [2, 'called'],
      [3, 'waiting'],
    ]);
  });
});

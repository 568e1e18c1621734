import { describe, expect, it } from 'vitest';
import type { StaffTicket } from '../../../shared/tickets';
import { mergeTickets, updateServing } from './tickets';

function ticket(id: number, status: StaffTicket['status']): StaffTicket {
  return {
    id,
    number: `OPD-00${id}`,
    department: 'OPD',
    status,
    position: status === 'waiting' ? id : null,
    estimatedWaitMinutes: null,
    room: status === 'waiting' ? null : 'Room 1',
    joinedAt: '2026-11-28T09:00:00.000Z',
    calledAt: null,
    completedAt: null,
    transferredFrom: null,
    transferredTo: null,
    appointmentAt: null,
    estimatedWaitRange: null,
    patientName: `Patient ${id}`,
    priority: 'normal',
    callCount: status === 'waiting' ? 0 : 1,
    reachability: 'display',
    lastCall: null,
    longWait: false,
    reply: null,
  };
}

describe('waiting list merge', () => {
  it('shows called, then being seen, then waiting, in the server order', () => {
    const serving = updateServing(new Map(), ticket(9, 'serving'));
    const merged = mergeTickets([ticket(1, 'called'), ticket(2, 'waiting'), ticket(3, 'waiting')], serving);
    expect(merged.map((entry) => [entry.id, entry.status])).toEqual([
      [1, 'called'],
      [9, 'serving'],
      [2, 'waiting'],
      [3, 'waiting'],
    ]);
  });

  it('forgets a ticket being seen once an event says it is done, and never lists one twice', () => {
    let serving = updateServing(new Map(), ticket(9, 'serving'));
    expect(mergeTickets([ticket(9, 'serving')], serving)).toHaveLength(1);
    serving = updateServing(serving, ticket(9, 'done'));
    expect(mergeTickets([], serving)).toEqual([]);
  });
});

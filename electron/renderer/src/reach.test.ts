import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelDelivery, DeliveryStatus } from '../../../shared/notifications';
import type { StaffTicket } from '../../../shared/tickets';
import { speak } from './i18n/testing';
import { callOutcome, outcomeLabel, unreachedTickets, withFlag } from './reach';
import type { CallFlag } from './reach';

function called(
  id: number,
  call: { notificationId: number; deliveryStatus: DeliveryStatus; channels?: ChannelDelivery[] } | null,
): StaffTicket {
  return {
    id,
    number: `OPD-00${id}`,
    department: 'OPD',
    status: 'called',
    position: null,
    estimatedWaitMinutes: null,
    room: 'Room 1',
    joinedAt: '2026-11-28T09:00:00.000Z',
    calledAt: '2026-11-28T09:30:00.000Z',
    completedAt: null,
    transferredFrom: null,
    transferredTo: null,
    appointmentAt: null,
    estimatedWaitRange: null,
    patientName: `Patient ${id}`,
    priority: 'normal',
    callCount: 1,
    reachability: 'push',
    lastCall: call && { channels: [], ...call },
    longWait: false,
    reply: null,
  };
}

const sms: ChannelDelivery = { channel: 'sms', status: 'sent', at: '2026-11-28T09:31:00.000Z' };

describe('how a call is faring', () => {
  beforeAll(() => speak('en'));

  it('reads the list: confirmed, escalated, not reached, or not confirmed yet', () => {
    const outcome = (ticket: StaffTicket) => {
      const found = callOutcome(ticket, undefined);
      return found && outcomeLabel(found);
    };
    expect(outcome(called(1, { notificationId: 5, deliveryStatus: 'delivered' }))).toBe('Call confirmed');
    expect(outcome(called(1, { notificationId: 5, deliveryStatus: 'sent', channels: [sms] }))).toBe(
      'Escalated to SMS',
    );
    expect(outcome(called(1, { notificationId: 5, deliveryStatus: 'failed' }))).toBe(
      'Not reached — call the name in the room',
    );
    expect(outcome(called(1, { notificationId: 5, deliveryStatus: 'pending' }))).toBe('Not confirmed yet');
    expect(outcome(called(1, null))).toBeNull();
    expect(outcome({ ...called(1, null), status: 'waiting' })).toBeNull();
  });

  it('lets a live event decide for the call it was about, not for a later recall', () => {
    const ticket = called(1, { notificationId: 5, deliveryStatus: 'sent' });
    const unreached: CallFlag = { kind: 'unreached', notificationId: 5 };
    expect(callOutcome(ticket, unreached)).toEqual({ kind: 'unreached' });
    const recalled = called(1, { notificationId: 9, deliveryStatus: 'sent' });
    expect(callOutcome(recalled, unreached)).toEqual({ kind: 'awaiting' });
    const reached: CallFlag = { kind: 'reached', channel: 'push', notificationId: null };
    // Confirmed a moment later, before the list shows it: the confirmation stands.
    const failed = called(1, { notificationId: 5, deliveryStatus: 'failed' });
    expect(callOutcome(failed, reached)).toEqual({ kind: 'confirmed' });
  });

  it('lists the called tickets nothing reached, and forgets a flag once cleared', () => {
    const tickets = [called(1, { notificationId: 5, deliveryStatus: 'sent' }), called(2, null)];
    let flags = withFlag(new Map(), 2, { kind: 'unreached', notificationId: 8 });
    expect(unreachedTickets(tickets, flags).map((ticket) => ticket.id)).toEqual([2]);
    flags = withFlag(flags, 2, null);
    expect(unreachedTickets(tickets, flags)).toEqual([]);
  });
});

import type { NotificationType } from '../../shared/notifications';
import type { PushSendOptions } from '../push/send';

/** Words of each notification. Never a patient's name or anything clinical: pushes cross third parties. */
export function queueOpenedText(departmentName: string) {
  return {
    title: `${departmentName} is open`,
    body: `The ${departmentName} queue is open. You can join it in the app.`,
  };
}

export function queueClosedText(departmentName: string) {
  return {
    title: `${departmentName} has closed`,
    body: `The ${departmentName} queue is closed to new patients. If you hold a ticket, it stays valid.`,
  };
}

/**
 * How each type travels as a web push: a call is urgent and short-lived; queue-status pushes share a
 * topic per department so a newer one replaces an older one the phone has not fetched yet.
 */
export function pushOptionsFor(type: NotificationType, department: string | null): PushSendOptions {
  switch (type) {
    case 'ticket_called':
      return { ttlSeconds: 15 * 60, urgency: 'high' };
    case 'almost_your_turn':
      return { ttlSeconds: 30 * 60, urgency: 'high' };
    case 'ticket_no_show':
      return { ttlSeconds: 4 * 60 * 60, urgency: 'normal' };
    case 'queue_opened':
    case 'queue_closed':
      return { ttlSeconds: 4 * 60 * 60, urgency: 'normal', topic: `queue-status-${department ?? 'all'}` };
  }
}

export function ticketCalledText(number: string, room: string) {
  return { title: 'It is your turn', body: `Please go to room ${room} now. Your ticket: ${number}.` };
}

export function almostYourTurnText(departmentName: string) {
  return {
    title: 'Almost your turn',
    body: `You will be called soon at ${departmentName}. Please stay nearby.`,
  };
}

export function ticketNoShowText(number: string) {
  return {
    title: 'We missed you',
    body: `Ticket ${number} was called but we could not find you. Please speak to reception.`,
  };
}

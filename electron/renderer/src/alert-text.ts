import i18next from 'i18next';
import type { StaffTicket } from '../../../shared/tickets';

/**
 * What desktop notifications say. Never a patient's name: notifications show on the lock screen and
 * stay in the OS's notification history, where anyone at a shared ward PC can read them. The ticket
 * number and the department are enough for a nurse to find the patient in the console.
 */

export interface AlertText {
  title: string;
  body: string;
}

export function joinedAlert(departmentName: string): AlertText {
  const name = departmentName;
  return { title: i18next.t('alerts.joinedTitle', { name }), body: i18next.t('alerts.joinedBody', { name }) };
}

export function longWaitAlert(
  ticket: Pick<StaffTicket, 'number'>,
  minutes: number,
  departmentName: string,
): AlertText {
  return {
    title: i18next.t('alerts.longWaitTitle', { number: ticket.number, minutes }),
    body: i18next.t('alerts.longWaitBody', { department: departmentName, number: ticket.number }),
  };
}

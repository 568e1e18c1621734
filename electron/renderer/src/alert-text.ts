import type { StaffTicket } from '../../../shared/tickets';

/**
 * What desktop notifications say. Never a patient's name: notifications show on the lock screen and
 * stay in the OS's notification history, where anyone at a shared ward PC can read them. The ticket
 * number and the department are enough for a nurse to find the patient in the console.
 */
const STRINGS = {
  joinedTitle: (department: string) => `Patient waiting in ${department}`,
  joinedBody: (department: string) => `Someone joined the empty ${department} queue.`,
  longWaitTitle: (number: string, minutes: number) => `${number} has waited ${minutes} min`,
  longWaitBody: (department: string, number: string) => `${department}: ticket ${number} is still waiting.`,
} as const;

export interface AlertText {
  title: string;
  body: string;
}

export function joinedAlert(departmentName: string): AlertText {
  return { title: STRINGS.joinedTitle(departmentName), body: STRINGS.joinedBody(departmentName) };
}

export function longWaitAlert(
  ticket: Pick<StaffTicket, 'number'>,
  minutes: number,
  departmentName: string,
): AlertText {
  return {
    title: STRINGS.longWaitTitle(ticket.number, minutes),
    body: STRINGS.longWaitBody(departmentName, ticket.number),
  };
}

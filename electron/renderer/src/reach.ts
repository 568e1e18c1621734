import type { ChannelName } from '../../../shared/notifications';
import type { LastCall, Reachability, StaffTicket } from '../../../shared/tickets';

export const REACH_LABEL: Record<Reachability, string> = {
  push: 'Push',
  sms: 'SMS',
  email: 'Email',
  display: 'Display only',
};

export const REACH_HELP: Record<Reachability, string> = {
  push: 'Reached on their phone: the app is open or push worked recently',
  sms: 'Reached by text message',
  email: 'Reached by email only',
  display: 'Only the waiting-room screen tells this patient: call the name in the room',
};

/** What a live event said about a ticket's call, before the list read again shows it. */
export type CallFlag =
  | { kind: 'unreached'; notificationId: number }
  /** The call confirmed; `notificationId` is the call the list showed then (null: not yet listed). */
  | { kind: 'reached'; channel: ChannelName; notificationId: number | null };

export type CallOutcome =
  | { kind: 'confirmed' }
  | { kind: 'escalated'; channel: 'sms' | 'email' }
  | { kind: 'awaiting' }
  | { kind: 'unreached' };

const isFollowUp = (channel: ChannelName): channel is 'sms' | 'email' =>
  channel === 'sms' || channel === 'email';

/** A flag speaks for the call it was raised about, not for a recall after it. */
function flagFor(flag: CallFlag | undefined, call: LastCall | null): CallFlag | undefined {
  if (!flag || flag.notificationId === null || call === null) return flag;
  return flag.notificationId === call.notificationId ? flag : undefined;
}

/**
 * How a called ticket's latest call is faring: confirmed by the patient's app, escalated to SMS or
 * email, not confirmed yet, or reached by nothing (the nurse should call the name). A live event decides
 * until the list catches up with it.
 */
export function callOutcome(ticket: StaffTicket, flag: CallFlag | undefined): CallOutcome | null {
  if (ticket.status !== 'called') return null;
  const call = ticket.lastCall;
  const flagged = flagFor(flag, call);
  if (flagged?.kind === 'reached') return { kind: 'confirmed' };
  if (flagged?.kind === 'unreached') return { kind: 'unreached' };
  if (!call) return null;
  if (call.deliveryStatus === 'delivered') return { kind: 'confirmed' };
  if (call.deliveryStatus === 'failed') return { kind: 'unreached' };
  const escalated = call.channels.map((entry) => entry.channel).find(isFollowUp);
  return escalated ? { kind: 'escalated', channel: escalated } : { kind: 'awaiting' };
}

export const OUTCOME_LABEL = {
  confirmed: 'Call confirmed',
  awaiting: 'Not confirmed yet',
  unreached: 'Not reached — call the name in the room',
} as const;

export function outcomeLabel(outcome: CallOutcome): string {
  if (outcome.kind !== 'escalated') return OUTCOME_LABEL[outcome.kind];
  return `Escalated to ${outcome.channel === 'sms' ? 'SMS' : 'email'}`;
}

/** The flags with one ticket's set, or cleared (`null`: a new call starts afresh). */
export function withFlag(
  flags: ReadonlyMap<number, CallFlag>,
  ticketId: number,
  flag: CallFlag | null,
): ReadonlyMap<number, CallFlag> {
  const next = new Map(flags);
  if (flag) next.set(ticketId, flag);
  else next.delete(ticketId);
  return next;
}

/** The called tickets nobody reached, for the announcement above the list. */
export function unreachedTickets(
  tickets: StaffTicket[],
  flags: ReadonlyMap<number, CallFlag>,
): StaffTicket[] {
  return tickets.filter((ticket) => callOutcome(ticket, flags.get(ticket.id))?.kind === 'unreached');
}

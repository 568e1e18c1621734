import i18next from 'i18next';
import type { ChannelName } from '../../../shared/notifications';
import type { LastCall, Reachability, StaffTicket } from '../../../shared/tickets';

/** How a patient can be told it is their turn, in a word (`reach.labels`). */
export const reachLabel = (reach: Reachability): string => i18next.t(`reach.labels.${reach}`);

/** What that word means, for the label's tooltip (`reach.help`). */
export const reachHelp = (reach: Reachability): string => i18next.t(`reach.help.${reach}`);

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

export function outcomeLabel(outcome: CallOutcome): string {
  if (outcome.kind !== 'escalated') return i18next.t(`reach.outcomes.${outcome.kind}`);
  return i18next.t(
    outcome.channel === 'sms' ? 'reach.outcomes.escalatedSms' : 'reach.outcomes.escalatedEmail',
  );
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

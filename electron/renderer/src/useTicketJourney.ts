import { useCallback, useEffect, useState } from 'react';
import { UNDO_WINDOW_SECONDS } from '../../../shared/tickets';
import type { StaffTicket, TicketReplyEvent } from '../../../shared/tickets';
import { useLiveEvents } from './hooks';

/** How long the Undo beside an action's message stays, after which it is still on the ticket's row. */
const UNDO_TOAST_MS = 8_000;

/** The ticket this console acted on last, offered for undo beside the message for a few seconds. */
export interface RecentStep {
  ticketId: number;
  number: string;
}

/**
 * What the console keeps about the patient's way: the tickets this nurse moved (undoable on the server for
 * UNDO_WINDOW_SECONDS), the step just made (its Undo beside the message), and the patients' live replies.
 */
export function useTicketJourney(department: string) {
  const [steps, setSteps] = useState<ReadonlyMap<number, number>>(new Map());
  const [recent, setRecent] = useState<RecentStep | null>(null);
  const [replies, setReplies] = useState<ReadonlyMap<number, TicketReplyEvent>>(new Map());

  const remember = useCallback((ticketId: number, number: string) => {
    setSteps((known) => new Map(known).set(ticketId, Date.now()));
    setRecent({ ticketId, number });
  }, []);
  const forget = useCallback((ticketId: number) => {
    setSteps((known) => {
      const next = new Map(known);
      next.delete(ticketId);
      return next;
    });
    setRecent(null);
  }, []);
  const canUndo = useCallback(
    (ticket: StaffTicket) => Date.now() - (steps.get(ticket.id) ?? 0) < UNDO_WINDOW_SECONDS * 1000,
    [steps],
  );

  useEffect(() => {
    if (!recent) return;
    const timer = setTimeout(() => setRecent(null), UNDO_TOAST_MS);
    return () => clearTimeout(timer);
  }, [recent]);

  useLiveEvents((event) => {
    if (event.kind === 'reply' && event.event.department === department) {
      const reply = event.event;
      setReplies((known) => new Map(known).set(reply.ticketId, reply));
    }
  });

  return { remember, forget, canUndo, recent, replies };
}

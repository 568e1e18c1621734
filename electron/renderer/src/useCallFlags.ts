import { useEffect, useRef, useState } from 'react';
import type { StaffTicket } from '../../../shared/tickets';
import { useLiveEvents } from './hooks';
import { withFlag } from './reach';
import type { CallFlag } from './reach';

/**
 * What `ticket:unreached` and `ticket:reached` said about the department's calls, shown at once: the
 * list read they also ask for (`reload`) takes a moment, and a nurse should look up the moment a call
 * failed. A new call of a ticket (its `ticket:updated` as called) clears what was said about the last.
 */
export function useCallFlags(
  department: string,
  list: StaffTicket[],
  reload: () => void,
): ReadonlyMap<number, CallFlag> {
  const [flags, setFlags] = useState<ReadonlyMap<number, CallFlag>>(new Map());
  const latestList = useRef(list);
  useEffect(() => {
    latestList.current = list;
  });
  useLiveEvents((live) => {
    if (live.kind === 'unreached' && live.event.department === department) {
      const { ticketId, notificationId } = live.event;
      setFlags((current) => withFlag(current, ticketId, { kind: 'unreached', notificationId }));
      reload();
    }
    if (live.kind === 'reached' && live.event.department === department) {
      const { ticketId, channel } = live.event;
      const shown = latestList.current.find((ticket) => ticket.id === ticketId)?.lastCall;
      const flag: CallFlag = { kind: 'reached', channel, notificationId: shown?.notificationId ?? null };
      setFlags((current) => withFlag(current, ticketId, flag));
      reload();
    }
    if (live.kind === 'ticket' && live.ticket.department === department && live.ticket.status === 'called') {
      const { id } = live.ticket;
      setFlags((current) => (current.has(id) ? withFlag(current, id, null) : current));
    }
  });
  return flags;
}

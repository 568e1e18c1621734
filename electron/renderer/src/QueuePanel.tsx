import { useCallback, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { QueueStatus } from '../../../shared/schemas';
import type { StaffTicket } from '../../../shared/tickets';
import { useLongWaitAlerts } from './alerts';
import { ApiError, errorMessage } from './errors';
import type { TicketAction } from './client';
import { useConsole, useLiveEvents, useNow, useOnline, useResource, useStoredState } from './hooks';
import { isStaffTicket } from './live';
import { PriorityDialog } from './PriorityDialog';
import { useShortcuts } from './shortcuts';
import { isInRoom, mergeTickets, updateServing } from './tickets';
import { WaitingList } from './WaitingList';

interface Props {
  queue: QueueStatus;
}

const ACTION_DONE: Record<TicketAction, string> = {
  recall: 'recalled',
  serve: 'is being seen',
  complete: 'completed',
  'no-show': 'marked no-show',
};

/**
 * Calling and moving tickets on. Every action goes to the server, which decides (two consoles calling at
 * once get two different patients); the list is then read again, and other consoles read it on the event.
 */
export function QueuePanel({ queue }: Props) {
  const { client } = useConsole();
  const online = useOnline();
  const now = useNow();
  const department = queue.department;
  const tickets = useResource(department, () => client.tickets(department));
  const [serving, setServing] = useState<ReadonlyMap<number, StaffTicket>>(new Map());
  const [room, setRoom] = useStoredState(`room.${department}`, '');
  const [myTicketId, setMyTicketId] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [priorityFor, setPriorityFor] = useState<StaffTicket | null>(null);

  useLiveEvents((event) => {
    if (event.kind === 'connected') tickets.reload();
    if (event.kind === 'status' && event.status.department === department) tickets.reload();
    if (event.kind === 'ticket' && event.ticket.department === department) {
      if (isStaffTicket(event.ticket)) {
        const ticket = event.ticket;
        setServing((current) => updateServing(current, ticket));
      }
      tickets.reload();
    }
  });

  const list = useMemo(() => mergeTickets(tickets.data ?? [], serving), [tickets.data, serving]);
  const waitingCount = list.filter((ticket) => ticket.status === 'waiting').length;
  useLongWaitAlerts(list, now, queue.name);

  // The ticket C completes: the one this console called last, else the only one in this room.
  const current = useMemo(() => {
    const mine = list.find((ticket) => ticket.id === myTicketId && isInRoom(ticket));
    if (mine) return mine;
    const inRoom = list.filter((ticket) => isInRoom(ticket) && ticket.room === room.trim());
    return inRoom.length === 1 ? (inRoom[0] ?? null) : null;
  }, [list, myTicketId, room]);

  const perform = useCallback(
    async (work: () => Promise<string>) => {
      setBusy(true);
      try {
        setMessage({ text: await work(), error: false });
      } catch (caught) {
        const conflict = caught instanceof ApiError && caught.code === 'invalid_transition';
        const text = errorMessage(caught);
        setMessage({
          text: conflict ? `${text} Another console may have changed it; the list is updated.` : text,
          error: true,
        });
      } finally {
        setBusy(false);
        tickets.reload();
      }
    },
    [tickets],
  );

  const callNext = () => {
    const roomName = room.trim();
    if (!roomName) {
      setMessage({ text: 'Enter the room to call the patient into first.', error: true });
      return;
    }
    void perform(async () => {
      const ticket = await client.callNext(department, roomName);
      setMyTicketId(ticket.id);
      const name = list.find((known) => known.id === ticket.id)?.patientName;
      return `Called ${ticket.number}${name ? ` (${name})` : ''} to ${roomName}.`;
    });
  };

  const act = (ticket: StaffTicket, action: TicketAction) =>
    void perform(async () => {
      const updated = await client.ticketAction(ticket.id, action);
      // The answer may arrive before this console's own event: keep "being seen" right either way.
      setServing((known) => updateServing(known, { ...ticket, ...updated }));
      return `${ticket.number} ${ACTION_DONE[action]}.`;
    });

  const canAct = online && !busy;
  useShortcuts(
    {
      n: () => canAct && callNext(),
      c: () => {
        if (!canAct) return;
        if (current) act(current, 'complete');
        else setMessage({ text: 'No called patient to complete for this room.', error: true });
      },
    },
    true,
  );

  function onRoomSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    callNext();
  }

  return (
    <section aria-label={`${queue.name} queue`} className="queue-panel">
      <form className="call-bar" onSubmit={onRoomSubmit}>
        <label htmlFor="room">Room</label>
        <input
          id="room"
          value={room}
          onChange={(event) => setRoom(event.target.value)}
          maxLength={32}
          placeholder="e.g. Room 2"
          autoComplete="off"
        />
        <button type="submit" className="primary" disabled={!canAct || waitingCount === 0}>
          Call next <kbd>N</kbd>
        </button>
        <button
          type="button"
          disabled={!canAct || !current}
          onClick={() => current && act(current, 'complete')}
        >
          Complete {current ? current.number : ''} <kbd>C</kbd>
        </button>
      </form>
      {!queue.isOpen && (
        <p className="hint">
          The queue is closed: no one new can join, and those still waiting can be called.
        </p>
      )}
      <p className={`status-line ${message?.error ? 'error' : ''}`} role="status">
        {message?.text ?? ''}
      </p>
      {tickets.error !== null && !tickets.data && <p className="error">{errorMessage(tickets.error)}</p>}
      {tickets.data === null && tickets.error === null ? (
        <p aria-live="polite">Loading the waiting list…</p>
      ) : (
        <WaitingList
          tickets={list}
          now={now}
          currentId={current?.id ?? null}
          disabled={!canAct}
          onAction={act}
          onPriority={setPriorityFor}
        />
      )}
      {priorityFor && (
        <PriorityDialog
          ticket={priorityFor}
          onCancel={() => setPriorityFor(null)}
          onDone={(text) => {
            setPriorityFor(null);
            setMessage({ text, error: false });
            tickets.reload();
          }}
        />
      )}
    </section>
  );
}

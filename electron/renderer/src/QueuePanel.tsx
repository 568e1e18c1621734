import { useCallback, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QueueStatus } from '../../../shared/schemas';
import type { StaffTicket } from '../../../shared/tickets';
import type { LongWaits } from './alerts';
import { ApiError, errorMessage } from './errors';
import type { TicketAction } from './tickets';
import { useConsole, useLiveEvents, useNow, useOnline, useResource, useStoredState } from './hooks';
import type { Resource } from './hooks';
import type { Wording } from './i18n';
import { isStaffTicket } from './live';
import { PriorityDialog } from './PriorityDialog';
import { TicketHistory } from './TicketHistory';
import { TransferDialog } from './TransferDialog';
import { useTicketJourney } from './useTicketJourney';
import type { RequeuePlacement } from '../../../shared/tickets';
import { unreachedTickets } from './reach';
import { UnreachedAlert } from './ReachNotes';
import { useShortcuts } from './shortcuts';
import { ACTION_KEY, isInRoom, mergeTickets, updateServing } from './tickets';
import { useCallFlags } from './useCallFlags';
import { WaitingList } from './WaitingList';

interface Props {
  queue: QueueStatus;
  /** The department's rooms: a call names one of them; empty, any room typed in. */
  rooms: string[];
  /** The tickets the server said have waited long, marked on their rows. */
  longWaits: LongWaits;
}

/**
 * Calling and moving tickets on. Every action goes to the server, which decides (two consoles calling at
 * once get two different patients); the list is then read again, and other consoles read it on the event.
 */
export function QueuePanel({ queue, rooms, longWaits }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const online = useOnline();
  const now = useNow();
  const department = queue.department;
  const { tickets, list, setServing } = useQueueTickets(department);
  const flags = useCallFlags(department, list, tickets.reload);
  // Remembered per console and department; a room no longer listed is no choice.
  const [storedRoom, setRoom] = useStoredState(`room.${department}`, '');
  const room = useMemo(() => chosenRoom(storedRoom, rooms), [storedRoom, rooms]);
  const [myTicketId, setMyTicketId] = useState<number | null>(null);
  const { busy, message, setMessage, perform } = usePerform(tickets.reload);
  const [priorityFor, setPriorityFor] = useState<StaffTicket | null>(null);
  const [transferFor, setTransferFor] = useState<StaffTicket | null>(null);
  const [historyFor, setHistoryFor] = useState<StaffTicket | null>(null);
  const journey = useTicketJourney(department);

  const waitingCount = list.filter((ticket) => ticket.status === 'waiting').length;
  const current = useMemo(() => completable(list, myTicketId, room), [list, myTicketId, room]);

  const callNext = () => {
    const roomName = room.trim();
    if (!roomName) {
      const ask = rooms.length > 0 ? 'rooms.chooseFirst' : 'queue.roomFirst';
      setMessage({ text: () => i18next.t(ask), error: true });
      return;
    }
    void perform(async () => {
      const { ticket } = await api('POST /api/queues/:department/call-next', {
        params: { department },
        body: { room: roomName },
      });
      setMyTicketId(ticket.id);
      journey.remember(ticket.id, ticket.number);
      const name = list.find((known) => known.id === ticket.id)?.patientName;
      const words = { number: ticket.number, name, room: roomName };
      return () => i18next.t(name ? 'queue.called' : 'queue.calledUnnamed', words);
    });
  };

  const act = (ticket: StaffTicket, action: TicketAction) =>
    void perform(async () => {
      const { ticket: updated } = await api(`POST /api/tickets/:id/${action}`, { params: { id: ticket.id } });
      // The answer may arrive before this console's own event: keep "being seen" right either way.
      setServing((known) => updateServing(known, { ...ticket, ...updated }));
      journey.remember(ticket.id, ticket.number);
      return () => i18next.t(`queue.done.${ACTION_KEY[action]}`, { number: ticket.number });
    });

  const requeue = (ticket: StaffTicket, placement: RequeuePlacement) =>
    void perform(async () => {
      await api('POST /api/tickets/:id/requeue', { params: { id: ticket.id }, body: { placement } });
      journey.remember(ticket.id, ticket.number);
      return () => i18next.t(`journey.done.${placement}`, { number: ticket.number });
    });

  const undo = (ticketId: number, number: string) =>
    void perform(async () => {
      try {
        // The ticket's own event brings its restored state (and whether it is being seen) to the list.
        await api('POST /api/tickets/:id/undo', { params: { id: ticketId } });
      } finally {
        journey.forget(ticketId);
      }
      return () => i18next.t('journey.done.undone', { number });
    });

  const canAct = online && !busy;
  const complete = () => {
    if (current) act(current, 'complete');
    else setMessage({ text: () => i18next.t('queue.nothingToComplete'), error: true });
  };
  useShortcuts({ n: () => canAct && callNext(), c: () => canAct && complete() }, true);

  return (
    <section aria-label={t('queue.panel', { name: queue.name })} className="queue-panel">
      <CallBar
        room={room}
        rooms={rooms}
        onRoom={setRoom}
        onCall={callNext}
        canCall={canAct && waitingCount > 0}
        current={current}
        canComplete={canAct && current !== null}
        onComplete={() => current && act(current, 'complete')}
      />
      {!queue.isOpen && <p className="hint">{t('queue.closedHint')}</p>}
      <p className={`status-line ${message?.error ? 'error' : ''}`} role="status">
        {message?.text() ?? ''}
        {journey.recent && !message?.error && (
          <button
            type="button"
            className="undo-toast"
            disabled={!canAct}
            onClick={() => journey.recent && undo(journey.recent.ticketId, journey.recent.number)}
          >
            {t('journey.undo')}
          </button>
        )}
      </p>
      <UnreachedAlert tickets={unreachedTickets(list, flags)} />
      <TicketsView resource={tickets}>
        <WaitingList
          tickets={list}
          now={now}
          currentId={current?.id ?? null}
          flags={flags}
          longWaits={longWaits}
          disabled={!canAct}
          onAction={act}
          onPriority={setPriorityFor}
          replies={journey.replies}
          journey={{
            onTransfer: setTransferFor,
            onRequeue: requeue,
            onHistory: setHistoryFor,
            onUndo: (ticket) => undo(ticket.id, ticket.number),
            canUndo: journey.canUndo,
          }}
        />
      </TicketsView>
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
      {transferFor && (
        <TransferDialog
          ticket={transferFor}
          onCancel={() => setTransferFor(null)}
          onDone={({ from, to }) => {
            setTransferFor(null);
            setServing((known) => updateServing(known, { ...transferFor, ...from }));
            journey.remember(from.id, from.number);
            setMessage({
              text: () => i18next.t('journey.done.transferred', { from: from.number, to: to.number }),
              error: false,
            });
            tickets.reload();
          }}
        />
      )}
      {historyFor && <TicketHistory ticket={historyFor} onClose={() => setHistoryFor(null)} />}
    </section>
  );
}

/** The room a call names: as typed, or, when the department lists rooms, the listed one chosen. */
function chosenRoom(stored: string, rooms: string[]): string {
  if (rooms.length === 0) return stored;
  const wanted = stored.trim().toLowerCase();
  return rooms.find((listed) => listed.toLowerCase() === wanted) ?? '';
}

/** The ticket C completes: the one this console called last, else the only one in this room. */
function completable(list: StaffTicket[], myTicketId: number | null, room: string): StaffTicket | null {
  const mine = list.find((ticket) => ticket.id === myTicketId && isInRoom(ticket));
  if (mine) return mine;
  const inRoom = list.filter((ticket) => isInRoom(ticket) && ticket.room === room.trim());
  return inRoom.length === 1 ? (inRoom[0] ?? null) : null;
}

/**
 * The department's tickets: read from the server, read again on every event about them, with the
 * "being seen" details that staff events carry merged in.
 */
function useQueueTickets(department: string) {
  const { api } = useConsole();
  const tickets = useResource(department, () =>
    api('GET /api/queues/:department/tickets', { params: { department } }),
  );
  const [serving, setServing] = useState<ReadonlyMap<number, StaffTicket>>(new Map());
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
  return { tickets, list, setServing };
}

interface CallBarProps {
  room: string;
  rooms: string[];
  onRoom(room: string): void;
  onCall(): void;
  canCall: boolean;
  /** The ticket Complete applies to. */
  current: StaffTicket | null;
  canComplete: boolean;
  onComplete(): void;
}

function CallBar({ room, rooms, onRoom, onCall, canCall, current, canComplete, onComplete }: CallBarProps) {
  const { t } = useTranslation();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onCall();
  }
  return (
    <form className="call-bar" onSubmit={onSubmit}>
      <label htmlFor="room">{t('queue.room')}</label>
      {rooms.length > 0 ? (
        <RoomSelect room={room} rooms={rooms} onRoom={onRoom} />
      ) : (
        <input
          id="room"
          value={room}
          onChange={(event) => onRoom(event.target.value)}
          maxLength={32}
          placeholder={t('queue.roomPlaceholder')}
          autoComplete="off"
        />
      )}
      <button type="submit" className="primary" disabled={!canCall}>
        {t('queue.callNext')} <kbd>N</kbd>
      </button>
      <button type="button" disabled={!canComplete} onClick={onComplete}>
        {current ? t('queue.completeTicket', { number: current.number }) : t('queue.complete')} <kbd>C</kbd>
      </button>
    </form>
  );
}

/** The department's own rooms, so the kiosk and the push always name a real one. */
function RoomSelect({ room, rooms, onRoom }: Pick<CallBarProps, 'room' | 'rooms' | 'onRoom'>) {
  const { t } = useTranslation();
  return (
    <select id="room" value={room} onChange={(event) => onRoom(event.target.value)}>
      <option value="">{t('rooms.choose')}</option>
      {rooms.map((listed) => (
        <option key={listed} value={listed}>
          {listed}
        </option>
      ))}
    </select>
  );
}

interface Message {
  text: Wording;
  error: boolean;
}

/** Runs one server action at a time and says how it went; the list is read again either way. */
function usePerform(reload: () => void) {
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const perform = useCallback(
    async (work: () => Promise<Wording>) => {
      setBusy(true);
      try {
        setMessage({ text: await work(), error: false });
      } catch (caught) {
        const conflict = caught instanceof ApiError && caught.code === 'invalid_transition';
        const text = () => errorMessage(caught);
        setMessage({
          text: conflict ? () => i18next.t('queue.changedElsewhere', { message: text() }) : text,
          error: true,
        });
      } finally {
        setBusy(false);
        reload();
      }
    },
    [reload],
  );
  return { busy, message, setMessage, perform };
}

/** The waiting list once read; until then, what is happening (loading, or the read's error). */
function TicketsView({ resource, children }: { resource: Resource<StaffTicket[]>; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      {resource.error !== null && !resource.data && <p className="error">{errorMessage(resource.error)}</p>}
      {resource.data === null && resource.error === null ? (
        <p aria-live="polite">{t('queue.loading')}</p>
      ) : (
        children
      )}
    </>
  );
}

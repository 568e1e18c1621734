import type { TicketCalledEvent } from '../../../shared/events';
import type { QueueStatus } from '../../../shared/schemas';

/** How many calls each department keeps: what the screen shows, and so all the memory weeks of calls use. */
export const CALLS_KEPT = 5;

export interface CallRecord extends TicketCalledEvent {
  /** Page-local, increasing: a recall of the same number gets a new one, so its highlight starts again. */
  seq: number;
  /** When this display heard it (ms); 0 for calls learnt from a snapshot, which are never highlighted. */
  receivedAt: number;
}

export type CallHistory = Readonly<Record<string, readonly CallRecord[]>>;

/** Newest first, one entry per ticket number (a recall moves it to the top), at most CALLS_KEPT. */
export function addCall(history: CallHistory, call: CallRecord): CallHistory {
  const previous = history[call.department] ?? [];
  const calls = [call, ...previous.filter((entry) => entry.number !== call.number)].slice(0, CALLS_KEPT);
  return { ...history, [call.department]: calls };
}

/**
 * After a (re)load the snapshot's "now serving" entries are the calls this display may have missed. They
 * join the history without a highlight and are not announced: they are not news any more.
 */
export function mergeSnapshot(
  history: CallHistory,
  statuses: readonly QueueStatus[],
  nextSeq: () => number,
): CallHistory {
  const merged: Record<string, readonly CallRecord[]> = {};
  for (const status of statuses) {
    const known = history[status.department] ?? [];
    const missed = status.nowServing
      .filter(
        (serving) =>
          !known.some((entry) => entry.number === serving.ticket && entry.calledAt >= serving.calledAt),
      )
      .map((serving) => ({
        department: status.department,
        number: serving.ticket,
        room: serving.room,
        calledAt: serving.calledAt,
        seq: nextSeq(),
        receivedAt: 0,
      }));
    const calls = [
      ...missed,
      ...known.filter((entry) => !missed.some((call) => call.number === entry.number)),
    ];
    merged[status.department] = calls
      .sort((a, b) => (a.calledAt === b.calledAt ? b.seq - a.seq : a.calledAt < b.calledAt ? 1 : -1))
      .slice(0, CALLS_KEPT);
  }
  return merged;
}

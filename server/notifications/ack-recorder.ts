import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger';
import type { TicketReachedEvent } from '../../shared/tickets';
import { markDeliveredMany } from './store';

export interface AckRecorder {
  /** A user's socket acknowledged this notification: it is to be marked delivered. */
  record(id: number, userId: number): void;
  /** Resolves once every ack recorded so far is written (or failed and was logged). */
  drained(): Promise<void>;
}

const MAX_PER_STATEMENT = 1_000;

/**
 * Socket acks written to the database together: one UPDATE at a time, taking every ack that arrived
 * while the previous one ran. After a fan-out, thousands of sockets ack within a second, and one
 * statement (and one durable commit) each would cost PostgreSQL more than the pushes it sends. When acks
 * are few, each is written at once.
 */
export function createAckRecorder(
  sequelize: Sequelize,
  logger: Logger,
  onReached: (calls: TicketReachedEvent[]) => void,
): AckRecorder {
  let queued: Array<{ id: number; userId: number }> = [];
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (queued.length > 0) {
      const batch = queued.slice(0, MAX_PER_STATEMENT);
      queued = queued.slice(MAX_PER_STATEMENT);
      // The notification stays `sent`; the client shows it and catches up on its next connection anyway.
      await markDeliveredMany(sequelize, batch).then(
        (reached) => reached.length > 0 && onReached(reached),
        (error: unknown) => logger.warn({ err: error }, 'could not record socket acks'),
      );
    }
    running = null;
  }

  return {
    record(id, userId) {
      queued.push({ id, userId });
      running ??= drain();
    },
    drained: () => running ?? Promise.resolve(),
  };
}

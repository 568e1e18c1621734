import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger';

export interface AckRecorder {
  /** A user's socket acknowledged this notification: it is to be marked delivered. */
  record(id: number, userId: number): void;
  /** Resolves once every ack recorded so far is written (or failed and was logged). */
  drained(): Promise<void>;
}

const MAX_PER_STATEMENT = 1_000;

/**
 * Socket acks written to the database together: one UPDATE at a time, taking every ack that arrived
 * while the previous one ran. After a fan-out, thousands of sockets ack within a second; one statement
 * (and one durable commit) each cost PostgreSQL more than the pushes it was sending. When acks are
 * few, each is written at once, as before.
 */
export function createAckRecorder(sequelize: Sequelize, logger: Logger): AckRecorder {
  let queued: Array<{ id: number; userId: number }> = [];
  let running: Promise<void> | null = null;

  async function write(batch: Array<{ id: number; userId: number }>): Promise<void> {
    await sequelize.query(
      `UPDATE notifications n
          SET delivery_status = 'delivered', delivered_at = now(), sent_at = coalesce(n.sent_at, now())
         FROM unnest(ARRAY[:ids]::bigint[], ARRAY[:userIds]::bigint[]) AS acked(id, user_id)
        WHERE n.id = acked.id AND n.user_id = acked.user_id AND n.delivery_status <> 'delivered'`,
      { replacements: { ids: batch.map((ack) => ack.id), userIds: batch.map((ack) => ack.userId) } },
    );
  }

  async function drain(): Promise<void> {
    while (queued.length > 0) {
      const batch = queued.slice(0, MAX_PER_STATEMENT);
      queued = queued.slice(MAX_PER_STATEMENT);
      // The notification stays `sent`; the client shows it and catches up on its next connection anyway.
      await write(batch).catch((error: unknown) =>
        logger.warn({ err: error }, 'could not record socket acks'),
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

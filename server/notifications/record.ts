import { ConnectionError } from 'sequelize';
import type { Sequelize } from 'sequelize';

/** What one notification's delivery attempt came to, as the outbox row records it. */
export interface DeliveryResult {
  id: number;
  pushStatus: 'pending' | 'done' | 'failed';
  acceptedBy: number[];
  retryInMs: number;
  lastError: string | null;
  /** Some channel accepted it: a socket it was emitted to, or a push service, now or on an earlier attempt. */
  handedOver: boolean;
  /**
   * Every channel that could be tried has given up on it for good and none ever accepted it (its only
   * subscriptions answered 404/410 or were rejected), so nothing more will be tried.
   */
  unreached: boolean;
  /** Subscriptions whose push service answered 404/410: deleted. */
  goneSubscriptions: number[];
}

export interface RecorderOptions {
  sequelize: Sequelize;
  /** Once true, recording is tried once more and then left to the lease (a later claim sends again). */
  stopping?: () => boolean;
  /** Told each time recording failed because the database was away and will be tried again. */
  onRecordFailed?: (error: unknown) => void;
  /** Told the ids of each set of outcomes once recorded. */
  onRecorded?: (ids: number[]) => void;
  /**
   * The ids whose outcome this process knows but has not yet recorded, shared by its delivery loops: if
   * a long outage outlasts their lease, a loop that claims one again leaves it to the recording.
   */
  held?: Set<number>;
}

const FIRST_RETRY_MS = 100;
// Short enough that, once the database is back, the outcomes land before another worker's lease check
// could hand their rows out again; the lease (a minute) is what a longer outage would outlast.
const MAX_RETRY_MS = 1_000;

/**
 * Records a batch's outcomes as each notification's own pushes settle, not once the slowest push of the
 * batch returns: a hung push service then holds up only its own notifications. Outcomes that settle
 * while a write is in flight go together in the next one. An outcome learned while the database is away
 * is kept and written once it answers again (with back-off), so that what went out is not sent again
 * when the lease runs out.
 */
export function createBatchRecorder(options: RecorderOptions) {
  let queued: DeliveryResult[] = [];
  let flushing: Promise<void> | undefined;
  let failure: unknown;

  async function flush(): Promise<void> {
    while (queued.length > 0 && failure === undefined) {
      const results = queued;
      queued = [];
      try {
        await persist(options, () => recordResults(options.sequelize, results));
        const gone = results.flatMap((result) => result.goneSubscriptions);
        if (gone.length > 0) await persist(options, () => deleteSubscriptions(options.sequelize, gone));
        for (const result of results) options.held?.delete(result.id);
        options.onRecorded?.(results.map((result) => result.id));
      } catch (error) {
        // Left to the lease: once it runs out, a claim sends these again.
        for (const result of results) options.held?.delete(result.id);
        failure = error;
      }
    }
  }

  return {
    add(result: DeliveryResult): void {
      options.held?.add(result.id);
      queued.push(result);
      flushing ??= flush().finally(() => {
        flushing = undefined;
      });
    },
    /** Resolves once every outcome added is recorded; rejects if one could not be. */
    async settled(): Promise<void> {
      while (flushing) await flushing;
      if (failure !== undefined) throw failure;
    },
  };
}

/** Runs a write until it succeeds, retrying while the database is away and the worker is not stopping. */
async function persist(options: RecorderOptions, write: () => Promise<unknown>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (!isConnectionLost(error) || options.stopping?.()) throw error;
      options.onRecordFailed?.(error);
      const delayMs = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

// SQLSTATE classes of a lost or refused connection: 08 (connection exception), 57P (the server shutting
// down or terminating the session), and 55000 for a database not accepting connections at the moment.
const CONNECTION_STATES = /^(08|57P0[1-3]|55000$)/;
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

/** Whether an error says the database could not be reached, rather than that the statement was wrong. */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  if (!(error instanceof Error)) return false;
  const cause = (error as { original?: unknown }).original ?? error;
  if (!(cause instanceof Error)) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_STATES.test(code) || CONNECTION_CODES.has(code))) return true;
  return /Connection terminated|connection is closed|not queryable/i.test(cause.message);
}

/**
 * Outcomes in one UPDATE. `delivery_status` follows the channels: `sent` once one accepted it; `failed`
 * once push gave up after retries, or when nothing could reach it and nothing more will be tried; it
 * stays `pending` only while a retry is due. Only a pending row changes: a client's receipt
 * (`delivered`) may have come first.
 */
async function recordResults(sequelize: Sequelize, results: DeliveryResult[]): Promise<void> {
  await sequelize.query(
    `UPDATE notifications n SET
        push_status = r.push_status,
        push_sent_to = n.push_sent_to || r.accepted_by,
        next_attempt_at = now() + make_interval(secs => r.retry_in_ms / 1000.0),
        lease_until = NULL,
        last_error = COALESCE(r.last_error, n.last_error),
        delivery_status = CASE
          WHEN n.delivery_status = 'pending' AND r.handed_over THEN 'sent'
          WHEN n.delivery_status = 'pending' AND (r.push_status = 'failed' OR r.unreached) THEN 'failed'
          ELSE n.delivery_status END,
        sent_at = CASE WHEN r.handed_over THEN COALESCE(n.sent_at, now()) ELSE n.sent_at END
       FROM jsonb_to_recordset(:results::jsonb)
         AS r(id bigint, push_status text, accepted_by bigint[], retry_in_ms bigint, last_error text,
              handed_over boolean, unreached boolean)
      WHERE n.id = r.id`,
    {
      replacements: {
        results: JSON.stringify(
          results.map((result) => ({
            id: result.id,
            push_status: result.pushStatus,
            accepted_by: result.acceptedBy,
            retry_in_ms: result.retryInMs,
            last_error: result.lastError,
            handed_over: result.handedOver,
            unreached: result.unreached,
          })),
        ),
      },
    },
  );
}

async function deleteSubscriptions(sequelize: Sequelize, ids: number[]): Promise<void> {
  await sequelize.query(`DELETE FROM push_subscriptions WHERE id IN (:ids)`, { replacements: { ids } });
}

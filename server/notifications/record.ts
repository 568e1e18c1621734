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
  /** Emitted to a connected socket on this attempt. */
  onSocket: boolean;
  /** Push settled on this attempt: a service accepted it, or every subscription tried gave up. */
  pushOutcome: 'sent' | 'failed' | null;
  /** No push subscription took a notification that is not time-critical: it goes by email. */
  followUp: 'email' | null;
  /** No channel took a time-critical notification: escalate now instead of at its due time. */
  escalateNow: boolean;
  /**
   * Nothing accepted it and nothing more will be tried (no follow-up, no escalation to come): it has
   * failed.
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
  /** Told when recorded outcomes queued an email or brought an escalation forward. */
  onFollowUps?: () => void;
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
 * Outcomes that settle within this long of the first one waiting go in one statement: a fan-out's pushes
 * settle a few at a time, and a statement for each few cost PostgreSQL a commit and this process a round
 * trip each. Small beside a push's own time, and what a hung push service holds up is still only its own.
 */
export const GATHER_MS = 25;
/** A statement goes at once when this many outcomes wait, without waiting out the gathering. */
export const GATHER_MAX = 64;

/**
 * Records a batch's outcomes as each notification's own pushes settle, not once the slowest push of the
 * batch returns: a hung push service then holds up only its own notifications. Outcomes that settle
 * close together, or while a write is in flight, go together in the next statement. An outcome learned
 * while the database is away is kept and written once it answers again (with back-off), so that what
 * went out is not sent again when the lease runs out.
 */
export function createBatchRecorder(options: RecorderOptions) {
  let queued: DeliveryResult[] = [];
  let flushing: Promise<void> | undefined;
  let gathering: NodeJS.Timeout | undefined;
  let failure: unknown;

  async function write(): Promise<void> {
    const results = queued;
    queued = [];
    if (results.length === 0) return;
    try {
      // After a write failed, the rest is left to the lease too.
      if (failure !== undefined) throw failure;
      await persistWhileAway(options, () => recordResults(options.sequelize, results));
      const gone = results.flatMap((result) => result.goneSubscriptions);
      if (gone.length > 0)
        await persistWhileAway(options, () => deleteSubscriptions(options.sequelize, gone));
      for (const result of results) options.held?.delete(result.id);
      options.onRecorded?.(results.map((result) => result.id));
      if (results.some((result) => result.followUp !== null || result.escalateNow)) options.onFollowUps?.();
    } catch (error) {
      // Left to the lease: once it runs out, a claim sends these again.
      for (const result of results) options.held?.delete(result.id);
      failure ??= error;
    }
  }

  /** Writes what waits now, ending the gathering. */
  function flushNow(): void {
    clearTimeout(gathering);
    gathering = undefined;
    flushing ??= write().finally(() => {
      flushing = undefined;
      // What settled during the write waits for the next gathering, or goes at once if it is already large.
      if (queued.length > 0) gather();
    });
  }

  function gather(): void {
    if (flushing) return; // the write in flight takes up what queued meanwhile
    if (queued.length >= GATHER_MAX) return flushNow();
    gathering ??= setTimeout(flushNow, GATHER_MS);
  }

  return {
    add(result: DeliveryResult): void {
      options.held?.add(result.id);
      queued.push(result);
      gather();
    },
    /** Resolves once every outcome added is recorded; rejects if one could not be. */
    async settled(): Promise<void> {
      while (queued.length > 0 || flushing) {
        if (!flushing) flushNow();
        await flushing;
      }
      if (failure !== undefined) throw failure;
    },
  };
}

/**
 * Runs a write until it succeeds, retrying while the database is away or the write lost a conflict with
 * another transaction, and the worker is not stopping.
 */
export async function persistWhileAway<T>(
  options: Pick<RecorderOptions, 'stopping' | 'onRecordFailed'>,
  write: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(isConnectionLost(error) || lostConflict(error)) || options.stopping?.()) throw error;
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
  const cause = causeOf(error);
  if (!cause) return false;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_STATES.test(code) || CONNECTION_CODES.has(code))) return true;
  return /Connection terminated|connection is closed|not queryable/i.test(cause.message);
}

// deadlock_detected and serialization_failure: PostgreSQL rolled the statement back because of another
// transaction, and the same statement run again succeeds. An outcome write that updates many rows can
// meet another that updates some of them in another order (socket acks, email and SMS outcomes).
const CONFLICT_STATES = new Set(['40P01', '40001']);

/** Whether a statement was rolled back for a conflict with another transaction, not for what it says. */
export function lostConflict(error: unknown): boolean {
  const code = (causeOf(error) as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CONFLICT_STATES.has(code);
}

/** The driver's error under Sequelize's, or the error itself. */
function causeOf(error: unknown): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { original?: unknown }).original ?? error;
  return cause instanceof Error ? cause : undefined;
}

/**
 * Outcomes in one statement. `delivery_status` follows the channels: `sent` once one accepted it;
 * `failed` once nothing took it and nothing more will be tried; otherwise it stays `pending`. Only a
 * pending row changes status: a client's receipt (`delivered`) may have come first. The same statement
 * queues the email follow-ups and notes which subscriptions still work (at most once a day each, so a
 * fan-out rewrites a subscription row once, not on every push).
 */
async function recordResults(sequelize: Sequelize, results: DeliveryResult[]): Promise<void> {
  await sequelize.query(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset(:results::jsonb)
         AS r(id bigint, push_status text, accepted_by bigint[], retry_in_ms bigint, last_error text,
              handed_over boolean, on_socket boolean, push_outcome text, follow_up text, escalate_now boolean,
              unreached boolean)),
     follow_ups AS (
       INSERT INTO notification_channels (notification_id, channel)
       SELECT r.id, r.follow_up FROM r JOIN notifications n ON n.id = r.id
        WHERE r.follow_up IS NOT NULL AND n.delivery_status <> 'delivered'
       ON CONFLICT DO NOTHING),
     working AS (
       UPDATE push_subscriptions s SET last_success_at = now()
        WHERE s.id IN (SELECT unnest(r.accepted_by) FROM r)
          AND (s.last_success_at IS NULL OR s.last_success_at < now() - interval '1 day'))
     UPDATE notifications n SET
        push_status = r.push_status,
        push_sent_to = n.push_sent_to || r.accepted_by,
        next_attempt_at = now() + make_interval(secs => r.retry_in_ms / 1000.0),
        lease_until = NULL,
        last_error = COALESCE(r.last_error, n.last_error),
        delivery_status = CASE
          WHEN n.delivery_status = 'pending' AND r.handed_over THEN 'sent'
          WHEN n.delivery_status = 'pending' AND r.unreached THEN 'failed'
          ELSE n.delivery_status END,
        sent_at = CASE WHEN r.handed_over THEN COALESCE(n.sent_at, now()) ELSE n.sent_at END,
        socket_at = CASE WHEN r.on_socket THEN COALESCE(n.socket_at, now()) ELSE n.socket_at END,
        push_outcome = CASE WHEN r.push_outcome = 'sent' OR n.push_outcome IS NULL THEN COALESCE(r.push_outcome, n.push_outcome)
          ELSE n.push_outcome END,
        push_outcome_at = CASE WHEN r.push_outcome IS NOT NULL AND n.push_outcome IS DISTINCT FROM 'sent' THEN now()
          ELSE n.push_outcome_at END,
        escalate_at = CASE WHEN r.escalate_now THEN LEAST(n.escalate_at, now()) ELSE n.escalate_at END
       FROM r
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
            on_socket: result.onSocket,
            push_outcome: result.pushOutcome,
            follow_up: result.followUp,
            escalate_now: result.escalateNow,
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

import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { Notification } from '../../shared/notifications';
import { MAX_PUSH_ATTEMPTS, nextAttemptDelayMs } from '../push/backoff';
import type { PushOutcome, PushSender } from '../push/send';
import { pushOptionsFor } from './content';
import { pushSentTo, selectLeased } from './leased';
import type { LeasedRow } from './leased';
import { presentNotification } from './presenter';
import { buildPushPayload } from './push-payload';
import type { Receipts } from './receipts';

interface SubscriptionRow {
  id: number;
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface DeliveryDeps {
  sequelize: Sequelize;
  push: PushSender | undefined;
  receipts: Receipts;
  /**
   * The patient app's absolute address, for a push's declarative link: PUBLIC_URL, else where this process
   * listens, which is known only once it does.
   */
  appUrl(): string;
  /** The users among these with a socket connected to any server process. */
  connectedUsers(userIds: number[]): Promise<Set<number>>;
  /** Emits to the user's sockets, wherever they are connected. */
  emitToUser(userId: number, notification: Notification): void;
  concurrency: number;
  /** Told each push request's outcome (the per-process counters of /metrics). */
  onPushOutcome?: (kind: PushOutcome['kind']) => void;
  /** How long a claimed row stays ours; a crashed worker's rows are picked up again after this. */
  leaseSeconds: number;
}

interface Result {
  id: number;
  pushStatus: 'pending' | 'done' | 'failed';
  acceptedBy: number[];
  retryInMs: number;
  lastError: string | null;
  handedOver: boolean;
}

/**
 * Claims a batch of due notifications (SKIP LOCKED, leased), hands each to its owner's sockets and push
 * subscriptions, and records every outcome in one statement. Only a crash between claim and record can
 * make a row be sent again, and then with the same id, which clients show once.
 */
export async function deliverBatch(deps: DeliveryDeps, batch: number): Promise<number> {
  return deliverLeased(deps, await claim(deps.sequelize, batch, deps.leaseSeconds));
}

/**
 * Claims the rows of `:ids` that are still due and not leased by anyone (replacements `ids`, `lease`).
 * "Not done and not failed" (the table's CHECK allows no other state) says "pending" in a form that does
 * not match the due index's predicate, so the rows are found through the primary key alone. With
 * `= 'pending'`, statistics taken before a fan-out (few pending rows) lead the planner to AND the due
 * index in, and every claim of a few hundred rows then scans every pending entry.
 */
export const CLAIM_BY_ID_SQL = `WITH claimed AS (
   UPDATE notifications n SET lease_until = now() + make_interval(secs => :lease), push_attempts = push_attempts + 1
    WHERE n.id = ANY(ARRAY[:ids]::bigint[]) AND n.push_status NOT IN ('done', 'failed')
      AND n.next_attempt_at <= now() AND (n.lease_until IS NULL OR n.lease_until < now())
   RETURNING n.*)
 ${selectLeased('claimed')}`;

/** Claims these rows by id and delivers them. */
export async function deliverIds(deps: DeliveryDeps, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const claimed = await deps.sequelize.query<LeasedRow>(CLAIM_BY_ID_SQL, {
    replacements: { ids, lease: deps.leaseSeconds },
    type: QueryTypes.SELECT,
  });
  return deliverLeased(deps, claimed);
}

/** Delivers rows whose lease this process holds. */
async function deliverLeased(deps: DeliveryDeps, claimed: LeasedRow[]): Promise<number> {
  if (claimed.length === 0) return 0;
  const subscriptions = await subscriptionsOf(deps.sequelize, claimed);
  // Sockets get a notification on its first attempt; a client that was away catches up when it reconnects.
  const connected = await deps.connectedUsers([
    ...new Set(claimed.filter((row) => row.push_attempts === 1).map((row) => Number(row.user_id))),
  ]);
  // Sockets first, all in one go: they answer at once, and in cluster mode the whole batch then crosses
  // to the other processes in one message instead of one per push that completes.
  const work = claimed.map((row) => {
    const notification = presentNotification(row);
    const onSocket = row.push_attempts === 1 && connected.has(Number(row.user_id));
    if (onSocket) deps.emitToUser(Number(row.user_id), notification);
    return { row, notification, onSocket };
  });
  const results = await mapLimited(work, deps.concurrency, ({ row, notification, onSocket }) =>
    deliverOne(deps, row, notification, subscriptions.get(row.user_id) ?? [], onSocket),
  );
  await record(deps.sequelize, results);
  const gone = results.flatMap((result) => result.goneSubscriptions);
  if (gone.length > 0) {
    await deps.sequelize.query(`DELETE FROM push_subscriptions WHERE id IN (:gone)`, {
      replacements: { gone },
    });
  }
  return claimed.length;
}

async function claim(sequelize: Sequelize, batch: number, lease: number): Promise<LeasedRow[]> {
  return sequelize.query<LeasedRow>(
    `WITH due AS (
       SELECT id FROM notifications
        WHERE push_status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
        ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notifications n SET lease_until = now() + make_interval(secs => :lease), push_attempts = push_attempts + 1
         FROM due WHERE n.id = due.id
       RETURNING n.*)
     ${selectLeased('claimed')}`,
    { replacements: { batch, lease }, type: QueryTypes.SELECT },
  );
}

async function subscriptionsOf(
  sequelize: Sequelize,
  rows: LeasedRow[],
): Promise<Map<number, SubscriptionRow[]>> {
  const userIds = [...new Set(rows.filter((row) => row.push_enabled).map((row) => row.user_id))];
  const byUser = new Map<number, SubscriptionRow[]>();
  if (userIds.length === 0) return byUser;
  const subscriptions = await sequelize.query<SubscriptionRow>(
    `SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id IN (:userIds)`,
    { replacements: { userIds }, type: QueryTypes.SELECT },
  );
  for (const subscription of subscriptions) {
    const list = byUser.get(Number(subscription.user_id)) ?? [];
    list.push(subscription);
    byUser.set(Number(subscription.user_id), list);
  }
  return byUser;
}

async function deliverOne(
  deps: DeliveryDeps,
  row: LeasedRow,
  notification: Notification,
  subscriptions: SubscriptionRow[],
  onSocket: boolean,
): Promise<Result & { goneSubscriptions: number[] }> {
  const alreadySent = pushSentTo(row);
  const pending = deps.push
    ? subscriptions.filter((subscription) => !alreadySent.has(Number(subscription.id)))
    : [];
  const payload = buildPushPayload({
    notification,
    locale: row.locale,
    appUrl: deps.appUrl(),
    receipt: deps.receipts.sign(notification.id),
  });
  const options = pushOptionsFor(notification.type, notification.department);
  const outcomes = await Promise.all(
    pending.map(async (subscription) => ({
      subscription,
      outcome: await (deps.push as PushSender).send(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        payload,
        options,
      ),
    })),
  );
  for (const { outcome } of outcomes) deps.onPushOutcome?.(outcome.kind);
  return summarise(row, outcomes, onSocket || alreadySent.size > 0);
}

function summarise(
  row: LeasedRow,
  outcomes: Array<{ subscription: SubscriptionRow; outcome: PushOutcome }>,
  handedOverBefore: boolean,
): Result & { goneSubscriptions: number[] } {
  const acceptedBy = outcomes
    .filter((o) => o.outcome.kind === 'accepted')
    .map((o) => Number(o.subscription.id));
  const goneSubscriptions = outcomes
    .filter((o) => o.outcome.kind === 'gone')
    .map((o) => Number(o.subscription.id));
  const retries = outcomes.flatMap((o) => (o.outcome.kind === 'retry' ? [o.outcome] : []));
  const errors = outcomes.flatMap((o) =>
    o.outcome.kind === 'retry' || o.outcome.kind === 'rejected'
      ? [o.outcome.error ?? `HTTP ${o.outcome.status ?? '?'}`]
      : [],
  );
  const handedOver = handedOverBefore || acceptedBy.length > 0;
  let pushStatus: Result['pushStatus'] = 'done';
  let retryInMs = 0;
  if (retries.length > 0) {
    if (row.push_attempts >= MAX_PUSH_ATTEMPTS) {
      pushStatus = 'failed';
    } else {
      pushStatus = 'pending';
      const floor = Math.max(0, ...retries.map((retry) => retry.retryAfterMs ?? 0));
      retryInMs = nextAttemptDelayMs(row.push_attempts, floor || undefined);
    }
  }
  return {
    id: Number(row.id),
    pushStatus,
    acceptedBy,
    retryInMs,
    lastError: errors[0]?.slice(0, 500) ?? null,
    handedOver,
    goneSubscriptions,
  };
}

/** Every outcome of the batch in one UPDATE. */
async function record(sequelize: Sequelize, results: Result[]): Promise<void> {
  await sequelize.query(
    `UPDATE notifications n SET
        push_status = r.push_status,
        push_sent_to = n.push_sent_to || r.accepted_by,
        next_attempt_at = now() + make_interval(secs => r.retry_in_ms / 1000.0),
        lease_until = NULL,
        last_error = COALESCE(r.last_error, n.last_error),
        delivery_status = CASE
          WHEN n.delivery_status = 'pending' AND r.handed_over THEN 'sent'
          WHEN n.delivery_status = 'pending' AND r.push_status = 'failed' THEN 'failed'
          ELSE n.delivery_status END,
        sent_at = CASE WHEN r.handed_over THEN COALESCE(n.sent_at, now()) ELSE n.sent_at END
       FROM jsonb_to_recordset(:results::jsonb)
         AS r(id bigint, push_status text, accepted_by bigint[], retry_in_ms bigint, last_error text, handed_over boolean)
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
          })),
        ),
      },
    },
  );
}

/** Runs fn over items with at most `limit` in flight. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

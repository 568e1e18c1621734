import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize';
import { TIME_CRITICAL_TYPES } from '../../shared/notifications';
import type { Notification } from '../../shared/notifications';
import { MAX_PUSH_ATTEMPTS, nextAttemptDelayMs } from '../push/backoff';
import type { PushOutcome, PushSender } from '../push/send';
import { pushOptionsFor } from './content';
import { pushSentTo, selectLeased } from './leased';
import type { Precedence } from './precedence';
import type { LeasedRow } from './leased';
import { presentNotification } from './presenter';
import { buildPushPayload } from './push-payload';
import { createBatchRecorder } from './record';
import type { DeliveryResult, RecorderOptions } from './record';
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
  /** Told each notification emitted to a socket (the same counters). */
  onSocketSend?: () => void;
  /** How long a claimed row stays ours; a crashed worker's rows are picked up again after this. */
  leaseSeconds: number;
  /** How outcomes are recorded: whether the worker is stopping, and what tests observe. */
  recording?: Omit<RecorderOptions, 'sequelize'>;
  /** Whether this server has an email channel: what push did not deliver may then go by email. */
  emailChannel?: boolean;
  /** Time-critical work that a fan-out's pushes give way to; none gives way without it. */
  precedence?: Precedence;
}

/** How a batch is sent: `bulk` (a fan-out's, or rows due again) gives way to time-critical work. */
export type DeliveryKind = 'bulk' | 'urgent';

/**
 * Claims a batch of due notifications (SKIP LOCKED, leased), hands each to its owner's sockets and push
 * subscriptions, and records each one's outcome as soon as its own pushes settle (record.ts), waiting out
 * a database that is away. Only a crash between claim and record can make a row be sent again, and then
 * with the same id, which clients show once.
 */
export async function deliverBatch(deps: DeliveryDeps, batch: number): Promise<number> {
  return deliverLeased(deps, await claim(deps.sequelize, batch, deps.leaseSeconds), 'bulk');
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
export async function deliverIds(deps: DeliveryDeps, ids: number[], kind: DeliveryKind): Promise<number> {
  if (ids.length === 0) return 0;
  const claimed = await deps.sequelize.query<LeasedRow>(CLAIM_BY_ID_SQL, {
    replacements: { ids, lease: deps.leaseSeconds },
    type: QueryTypes.SELECT,
  });
  return deliverLeased(deps, claimed, kind);
}

/** Delivers rows whose lease this process holds. */
async function deliverLeased(deps: DeliveryDeps, leased: LeasedRow[], kind: DeliveryKind): Promise<number> {
  const held = deps.recording?.held;
  const claimed = held ? leased.filter((row) => !held.has(Number(row.id))) : leased;
  if (claimed.length === 0) return leased.length;
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
    if (onSocket) {
      deps.emitToUser(Number(row.user_id), notification);
      deps.onSocketSend?.();
    }
    return { row, notification, onSocket };
  });
  const recorder = createBatchRecorder({ ...deps.recording, sequelize: deps.sequelize });
  const precedence = kind === 'bulk' ? deps.precedence : undefined;
  await mapLimited(work, deps.concurrency, async ({ row, notification, onSocket }) => {
    // A bulk push starts only once no call is waiting; its socket emit above was already instant.
    await precedence?.clear();
    recorder.add(await deliverOne(deps, row, notification, subscriptions.get(row.user_id) ?? [], onSocket));
  });
  await recorder.settled();
  return leased.length;
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
): Promise<DeliveryResult> {
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
  return summarise({
    row,
    outcomes,
    onSocket,
    pushedBefore: alreadySent.size > 0,
    emailChannel: deps.emailChannel ?? false,
  });
}

interface Attempt {
  row: LeasedRow;
  outcomes: Array<{ subscription: SubscriptionRow; outcome: PushOutcome }>;
  onSocket: boolean;
  /** A push service accepted it on an earlier attempt. */
  pushedBefore: boolean;
  emailChannel: boolean;
}

function summarise({ row, outcomes, onSocket, pushedBefore, emailChannel }: Attempt): DeliveryResult {
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
  const handedOver = onSocket || pushedBefore || row.sent_at !== null || acceptedBy.length > 0;
  let pushStatus: DeliveryResult['pushStatus'] = 'done';
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
  const settled = pushStatus !== 'pending';
  // Push is over and no subscription took it: there was none, or every one gave up.
  const noPushTaker = settled && !pushedBefore && acceptedBy.length === 0;
  const timeCritical = TIME_CRITICAL_TYPES.includes(row.type);
  const followUp = !timeCritical && noPushTaker && row.email_enabled && emailChannel ? 'email' : null;
  // A time-critical notification still to escalate is settled by the escalation, not here.
  const escalating = timeCritical && row.escalates;
  return {
    id: Number(row.id),
    pushStatus,
    acceptedBy,
    retryInMs,
    lastError: errors[0]?.slice(0, 500) ?? null,
    handedOver,
    onSocket,
    pushOutcome: acceptedBy.length > 0 ? 'sent' : noPushTaker && outcomes.length > 0 ? 'failed' : null,
    followUp,
    escalateNow: escalating && noPushTaker && !handedOver,
    unreached: settled && !handedOver && followUp === null && !escalating,
    goneSubscriptions,
  };
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

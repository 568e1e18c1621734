import type { BenchDatabase } from '../fanout/database';
import type { QueueAnswer } from '../fanout/http';
import { count } from '../fanout/phases';
import type { SystemSetup } from './configuration';
import type { SocketsResult } from './sockets-main';

export type Checks = Record<string, { ok: boolean; detail: string }>;

/**
 * The server's rule, read from server/notifications/deliver.ts (deliverOne): a notification goes to its
 * owner's sockets on its first attempt AND to every push subscription not yet sent to; a socket does not
 * save a push (a phone's app in the background only learns of it by push). So every patient with push
 * enabled and a subscription gets exactly one push, socket or not. If that rule changes (e.g. no push for
 * a socket ack), this count is the one place to follow it.
 */
export async function expectedPushCount(db: BenchDatabase): Promise<number> {
  return count(
    db,
    `SELECT count(*) AS n FROM users u WHERE u.role = 'patient' AND u.push_enabled
       AND EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = u.id)`,
  );
}

export async function configurationChecks(
  setup: SystemSetup,
  seen: { eventKey: string; answer: QueueAnswer; accepted: number; rejected: number; sockets: SocketsResult },
): Promise<Checks> {
  const { db, patients: n } = setup;
  const socketCount = setup.socketPatients.userIds.length;
  const params = [seen.eventKey];
  const recorded = await count(
    db,
    `SELECT count(*) AS n FROM (SELECT DISTINCT user_id FROM notifications WHERE event_key = $1) p`,
    params,
  );
  const rows = await count(db, `SELECT count(*) AS n FROM notifications WHERE event_key = $1`, params);
  // 'delivered' once a socket acked it, 'sent' once only a push service accepted it.
  const handedOver = await count(
    db,
    `SELECT count(*) AS n FROM notifications WHERE event_key = $1
       AND delivery_status IN ('sent', 'delivered') AND push_status = 'done'`,
    params,
  );
  const delivered = await count(
    db,
    `SELECT count(*) AS n FROM notifications WHERE event_key = $1 AND delivery_status = 'delivered'
       AND user_id = ANY ($2::bigint[])`,
    [seen.eventKey, setup.socketPatients.userIds],
  );
  const { sockets } = seen;
  const gotStatus = sockets.statusAt.filter((at) => at !== null).length;
  const onceEach = sockets.notifications.filter((received) => received === 1).length;
  const check = (ok: boolean, detail: string) => ({ ok, detail });
  const stats = seen.answer.notificationStats;
  return {
    'answer counts every patient': check(
      stats.totalPatientsNotified === n && stats.notificationFailures === 0,
      `totalPatientsNotified ${stats.totalPatientsNotified}, failures ${stats.notificationFailures}`,
    ),
    'one notification per patient': check(
      recorded === n && rows === n,
      `${rows} notifications for ${recorded} patients`,
    ),
    'every notification sent or delivered': check(handedOver === n, `${handedOver} sent/delivered and done`),
    'receiver accepted one push per subscribed patient': check(
      seen.accepted === setup.expectedPushes,
      `${seen.accepted} accepted, ${setup.expectedPushes} expected (sockets do not replace pushes)`,
    ),
    'receiver rejected none': check(seen.rejected === 0, `${seen.rejected} rejected`),
    'every socket connected and subscribed': check(
      sockets.connectFailures === 0 && sockets.disconnects === 0,
      `${sockets.connectFailures} failed to connect${sockets.firstConnectError ? ` (${sockets.firstConnectError})` : ''}, ${sockets.disconnects} dropped later`,
    ),
    'every socket got the opening queue:status': check(
      gotStatus === socketCount,
      `${gotStatus} / ${socketCount}`,
    ),
    'every socket patient got its notification once on its socket': check(
      onceEach === socketCount,
      `${onceEach} / ${socketCount}`,
    ),
    "every socket's ack recorded (delivered)": check(
      delivered === socketCount,
      `${delivered} / ${socketCount}`,
    ),
  };
}

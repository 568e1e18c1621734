import { z } from 'zod';
import { CALL_DEPARTMENT } from './callers';
import { TIMED_ENDPOINT_PREFIX } from './children';
import type { ReceiverProcess, TimedPush } from './children';
import type { Claims } from './claims';
import type { BenchDatabase } from './database';
import { callNext } from './http';
import type { CallAnswer } from './http';
import { pollUntil, sleep } from './phases';

/** How the nurse calls: `count` calls, one request every `everyMs`, from one signed-in console. */
export interface CallPlan {
  url: string;
  token: string;
  count: number;
  everyMs: number;
}

/** One call, from the nurse's request to its patient's push; times in epoch ms on the machine's clock. */
export interface TimedCall extends CallAnswer {
  /** The call's ticket_called notification, or null when the call failed. */
  notificationId: number | null;
  /** Its row's created_at: the call transaction's start, on PostgreSQL's clock (the same machine's). */
  recordedAtMs: number | null;
  /** When a delivery loop claimed it (its first lease, as watchClaims saw it), or null if not seen. */
  claimedAtMs: number | null;
  /** The first accepted push of that notification at the receiver: request arrived, answered 2xx. */
  arrivedAtMs: number | null;
  acceptedAtMs: number | null;
  /** Accepted pushes of that notification, and whether each reached the called patient's endpoint. */
  pushes: number;
  rightPatient: boolean;
}

/** Each push the receiver decrypted for the timed patients, collected as it arrives. */
export interface TimedPushes {
  /** Fetches the pushes accepted since the last look; answers all of them so far. */
  poll(): Promise<readonly TimedPush[]>;
}

export function timedPushes(receiver: ReceiverProcess): TimedPushes {
  const all: TimedPush[] = [];
  // One look at a time: two at once would both fetch from the same index and keep its pushes twice.
  let last: Promise<readonly TimedPush[]> = Promise.resolve(all);
  const look = async () => {
    all.push(...(await receiver.received(all.length)));
    return all;
  };
  return {
    poll() {
      last = last.then(look, look);
      return last;
    },
  };
}

/**
 * The calls of `plan`, each request sent on its own schedule (start + i × everyMs) whether or not the
 * previous one has answered, as nurses at several desks would: a slow answer does not delay the next call.
 */
export async function fireCalls(plan: CallPlan, room = '1'): Promise<CallAnswer[]> {
  const start = performance.now();
  const answers: Array<Promise<CallAnswer>> = [];
  for (let index = 0; index < plan.count; index++) {
    await sleep(Math.max(0, start + index * plan.everyMs - performance.now()));
    answers.push(callNext(plan.url, plan.token, { department: CALL_DEPARTMENT, room }));
  }
  return Promise.all(answers);
}

interface CallNotification {
  ticketId: number;
  notificationId: number;
  userId: number;
  recordedAtMs: number;
}

/** The ticket_called notification of each called ticket (through the patients' notifications index). */
async function notificationsOf(db: BenchDatabase, ticketIds: number[]): Promise<CallNotification[]> {
  const { rows } = await db.pool.query<{ ticket: string; id: string; user_id: string; at: number }>(
    `SELECT t.id AS ticket, n.id, n.user_id, extract(epoch FROM n.created_at) * 1000 AS at
       FROM tickets t JOIN notifications n ON n.user_id = t.user_id AND n.type = 'ticket_called'
                                          AND n.data->>'ticketId' = t.id::text
      WHERE t.id = ANY($1::bigint[])`,
    [ticketIds],
  );
  return rows.map((row) => ({
    ticketId: Number(row.ticket),
    notificationId: Number(row.id),
    userId: Number(row.user_id),
    recordedAtMs: Number(row.at),
  }));
}

const CalledPayload = z.object({ id: z.number(), type: z.literal('ticket_called') });

/** The accepted pushes of each ticket_called notification, by notification id, oldest first. */
function calledPushesById(pushes: readonly TimedPush[]): Map<number, TimedPush[]> {
  const byId = new Map<number, TimedPush[]>();
  for (const push of pushes) {
    const payload = CalledPayload.safeParse(push.payload);
    if (!payload.success) continue; // "almost your turn", which a call also sends
    byId.set(payload.data.id, [...(byId.get(payload.data.id) ?? []), push]);
  }
  return byId;
}

/**
 * Matches the calls to their notifications, to their claims and to the pushes collected so far.
 * `waitMs` > 0 first waits (up to that long) for every answered call's push to be accepted.
 */
export async function matchCalls(
  db: BenchDatabase,
  pushes: TimedPushes,
  answers: CallAnswer[],
  options: { claims?: Claims; waitMs?: number } = {},
): Promise<TimedCall[]> {
  const { claims = new Map<number, number>(), waitMs = 0 } = options;
  const ticketIds = answers.flatMap((answer) => (answer.ticketId === null ? [] : [answer.ticketId]));
  const notifications = new Map((await notificationsOf(db, ticketIds)).map((n) => [n.ticketId, n]));
  const allPushed = async () => {
    const byId = calledPushesById(await pushes.poll());
    return [...notifications.values()].every((n) => byId.has(n.notificationId));
  };
  if (waitMs > 0) await pollUntil(allPushed, 50, waitMs);
  const byId = calledPushesById(await pushes.poll());
  return answers.map((answer) => {
    const notification = answer.ticketId === null ? undefined : notifications.get(answer.ticketId);
    const accepted = notification ? (byId.get(notification.notificationId) ?? []) : [];
    const endpoint = `${TIMED_ENDPOINT_PREFIX}${notification?.userId}`;
    return {
      ...answer,
      notificationId: notification?.notificationId ?? null,
      recordedAtMs: notification?.recordedAtMs ?? null,
      claimedAtMs: (notification && claims.get(notification.notificationId)) ?? null,
      arrivedAtMs: accepted[0]?.arrivedAtMs ?? null,
      acceptedAtMs: accepted[0]?.acceptedAtMs ?? null,
      pushes: accepted.length,
      rightPatient: accepted.every((push) => push.endpointId === endpoint),
    };
  });
}

import { QueryTypes } from 'sequelize';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import type { PushReceiver } from './push-receiver';
import { api, signedInUser } from './server';
import type { TestServer } from './server';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Patient {
  id: number;
  token: string;
  endpoint: string | null;
}

/** Patients signed in, each with a push subscription at the receiver unless told otherwise. */
export async function createPatients(
  server: TestServer,
  receiver: PushReceiver | null,
  count: number,
  options: { departments?: string[]; push?: boolean } = {},
): Promise<Patient[]> {
  const patients: Patient[] = [];
  for (let index = 0; index < count; index++) {
    const user = await signedInUser(server, 'patient', { name: `Zelda Privatename ${index}` });
    let endpoint: string | null = null;
    if (receiver) {
      const subscription = receiver.subscriptionFor();
      const saved = await api(server, 'POST', '/api/push/subscriptions', {
        token: user.token,
        body: subscription,
      });
      if (saved.status !== 201) throw new Error(`subscription refused: ${JSON.stringify(saved.body)}`);
      endpoint = subscription.endpoint;
    }
    if (options.departments || options.push === false) {
      await api(server, 'PUT', '/api/me/preferences', {
        token: user.token,
        body: { departments: options.departments ?? 'all', push: options.push ?? true, locale: 'en' },
      });
    }
    patients.push({ id: user.id, token: user.token, endpoint });
  }
  return patients;
}

/**
 * Resolves once `condition` (a SQL query answering one boolean `ok`) holds, checking again every time
 * the delivery worker finishes a pass: driven by the worker's own events, not by sleeping.
 */
export function outboxSettles(server: TestServer, sql: string, timeoutMs = 20_000): Promise<void> {
  const { outbox, followUps } = server;
  const { sequelize } = server.ctx;
  // The push worker and the email/SMS worker: either one's pass can make the condition hold.
  const workers = [outbox.events, followUps.events];
  return new Promise((resolve, reject) => {
    let done = false;
    const check = async () => {
      if (done) return;
      const [row] = await sequelize.query<{ ok: boolean }>(sql, { type: QueryTypes.SELECT });
      if (row?.ok && !done) finish();
    };
    const onEvent = () => void check().catch(() => undefined);
    const finish = (error?: Error) => {
      done = true;
      clearTimeout(timer);
      for (const events of workers) {
        events.off('pass', onEvent);
        events.off('idle', onEvent);
        events.off('error-pass', onFailure);
      }
      if (error) reject(error);
      else resolve();
    };
    const failures: unknown[] = [];
    const onFailure = (error: unknown) => failures.push(error);
    const timer = setTimeout(() => {
      void unsettledState(server, failures).then((state) =>
        finish(new Error(`outbox did not settle: ${sql}\n${state}`)),
      );
    }, timeoutMs);
    for (const events of workers) {
      events.on('pass', onEvent);
      events.on('idle', onEvent);
      events.on('error-pass', onFailure);
    }
    onEvent();
    outbox.wake();
    followUps.wake();
  });
}

/**
 * What a failed settle leaves behind, for the test's message: the rows still pending or not done, and the
 * workers' failed passes meanwhile. A wait that timed out on a busy CI machine then says why.
 */
async function unsettledState(server: TestServer, failures: unknown[]): Promise<string> {
  const show = (label: string, sql: string) =>
    server.ctx.sequelize
      .query(sql, { type: QueryTypes.SELECT })
      .then((rows) => `${label}: ${JSON.stringify(rows)}`)
      .catch((error: unknown) => `${label}: unreadable (${String(error)})`);
  const lines = await Promise.all([
    show('now', `SELECT now()`),
    show('fanouts not done', `SELECT id, audience, cursor, created_at FROM fanouts WHERE NOT done LIMIT 5`),
    show(
      'pending pushes',
      `SELECT id, type, push_attempts, next_attempt_at, lease_until, last_error, created_at
         FROM notifications WHERE push_status = 'pending' ORDER BY id LIMIT 5`,
    ),
    show(
      'pending channels',
      `SELECT notification_id, channel, attempts, next_attempt_at, lease_until, last_error
         FROM notification_channels WHERE status = 'pending' LIMIT 5`,
    ),
  ]);
  const errors = failures.map(
    (error) => `failed pass: ${error instanceof Error ? error.stack : String(error)}`,
  );
  return [...lines, ...errors].join('\n');
}

/** Every fan-out expanded and no push still due or in flight. */
export const ALL_DELIVERED = `SELECT NOT EXISTS (SELECT 1 FROM fanouts WHERE NOT done)
  AND NOT EXISTS (SELECT 1 FROM notifications WHERE push_status = 'pending') AS ok`;

/** ALL_DELIVERED, and no email or SMS due or in flight either. */
export const ALL_CHANNELS_DONE = `SELECT NOT EXISTS (SELECT 1 FROM fanouts WHERE NOT done)
  AND NOT EXISTS (SELECT 1 FROM notifications WHERE push_status = 'pending')
  AND NOT EXISTS (SELECT 1 FROM notification_channels WHERE status = 'pending') AS ok`;

/** `listen` attaches handlers before the connection opens, so events sent on connect are not missed. */
export function connectSocket(
  server: { url: string },
  token?: string,
  listen?: (socket: ClientSocket) => void,
): Promise<ClientSocket> {
  const socket: ClientSocket = io(server.url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnection: false,
    forceNew: true,
    autoConnect: false,
  });
  listen?.(socket);
  socket.connect();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The next event of that name on the socket. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      clearTimeout(timer);
      resolve(args);
    };
    // socket.io-client's typed `once` cannot express the generic listener; the event map types it for callers.
    (
      socket.once as (event: string, listener: (...args: Parameters<ServerToClientEvents[E]>) => void) => void
    )(event, listener);
  });
}

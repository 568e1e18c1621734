/**
 * The waiting room's phones, in their own process: one socket.io-client connection per token (websocket
 * transport, as a PWA on a good network ends up with), spread round-robin over the server URLs. Each
 * subscribes to the department like the patient app, acks every `notification:new` like the patient app
 * (pwa/src/patient/data/socket.ts), and notes when the `queue:status` saying the queue opened arrived.
 *
 * Usage: tsx tests/bench/system/sockets-main.ts '{"urls":[...],"tokensFile":"...","resultFile":"...","department":"OPD"}'
 * Prints `{"sockets":"ready",...}` once every socket is connected and subscribed, `{"sockets":"status",...}`
 * once every connected socket has the opening, and on SIGTERM writes SocketsResult to resultFile and
 * prints `{"sockets":"written"}`. Times are epoch milliseconds (performance.timeOrigin + now(), the same
 * clock as the benchmark's on this machine).
 */
import fs from 'node:fs';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';

export interface SocketsResult {
  /** Per socket: when the opening's queue:status arrived, or null if it never did. */
  statusAt: Array<number | null>;
  /** Per socket: notification:new events received (each acked). */
  notifications: number[];
  /** Disconnections after the socket was ready (a server under load dropping clients shows here). */
  disconnects: number;
  connectFailures: number;
  firstConnectError: string | null;
  connectMs: number;
}

type PatientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const Args = z.object({
  urls: z.array(z.string().url()).min(1),
  tokensFile: z.string().min(1),
  resultFile: z.string().min(1),
  department: z.string().min(1),
});
const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'));
const tokens = z.array(z.string()).parse(JSON.parse(fs.readFileSync(args.tokensFile, 'utf8')));

/** Connections being opened at once: enough to be quick, few enough not to time out the server's auth queries. */
const IN_FLIGHT = 100;
const CONNECT_TIMEOUT_MS = 60_000;

const now = () => performance.timeOrigin + performance.now();
const say = (message: { sockets: string } & Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(message)}\n`);

const statusAt: Array<number | null> = tokens.map(() => null);
const notifications: number[] = tokens.map(() => 0);
const ready: boolean[] = tokens.map(() => false);
const sockets: PatientSocket[] = [];
let disconnects = 0;
let connectFailures = 0;
let firstConnectError: string | null = null;
let statusCount = 0;
let readyCount = 0;
let allReady = false;

function open(index: number, token: string): Promise<void> {
  const url = args.urls[index % args.urls.length] ?? '';
  // forceNew: without it socket.io-client multiplexes every io(url) over one shared connection.
  const socket: PatientSocket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    auth: { token },
    timeout: CONNECT_TIMEOUT_MS,
  });
  sockets.push(socket);
  socket.on('queue:status', (status) => {
    if (!status.isOpen || statusAt[index] !== null) return;
    statusAt[index] = now();
    statusCount += 1;
    if (allReady && statusCount === readyCount) say({ sockets: 'status', received: statusCount });
  });
  socket.on('notification:new', (_notification, ack) => {
    notifications[index] = (notifications[index] ?? 0) + 1;
    ack(true);
  });
  socket.on('disconnect', () => {
    if (ready[index]) disconnects += 1;
  });
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => fail('no connection within the timeout'), CONNECT_TIMEOUT_MS);
    const fail = (reason: string) => {
      clearTimeout(timer);
      connectFailures += 1;
      firstConnectError ??= reason;
      socket.close();
      resolve();
    };
    // Like the patient app: (re)subscribe on every connection, the server forgets rooms on disconnect.
    socket.on('connect', () => {
      socket.emit('queue:subscribe', [args.department], (answer) => {
        if (!answer.ok) return fail(`subscribe refused: ${answer.error}`);
        if (ready[index]) return;
        ready[index] = true;
        readyCount += 1;
        clearTimeout(timer);
        resolve();
      });
    });
    socket.on('connect_error', (error) => {
      // A refused token is final (the client does not retry it); anything else is retried by the client.
      if (!socket.active) fail(error.message);
    });
  });
}

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(IN_FLIGHT, tokens.length) }, async () => {
    while (next < tokens.length) {
      const index = next++;
      await open(index, tokens[index] ?? '');
    }
  }),
);
const connectMs = performance.now() - started;
allReady = true;
say({ sockets: 'ready', connected: readyCount, failed: connectFailures, ms: Math.round(connectMs) });
if (statusCount === readyCount) say({ sockets: 'status', received: statusCount });

process.once('SIGTERM', () => {
  const result: SocketsResult = {
    statusAt,
    notifications,
    disconnects,
    connectFailures,
    firstConnectError,
    connectMs,
  };
  fs.writeFileSync(args.resultFile, JSON.stringify(result));
  say({ sockets: 'written' });
  for (const socket of sockets) socket.close();
  process.exit(0);
});

/**
 * The comparison points, in their own process so that NODE_EXTRA_CA_CERTS (read only at start) makes the
 * receiver trusted with web-push's default options, and so they share no heap with the benchmark:
 * - naive: web-push's sendNotification to each subscription with default options, awaited one by one,
 *   the best of a few rounds;
 * - floor: the RFC 8291 encryption alone (server/push/encrypt.ts, bare node:crypto), no I/O, one thread.
 * Usage: tsx tests/bench/fanout/sample-main.ts '{"origin":"https://127.0.0.1:PORT","seed":"s","sample":2000}'
 * Prints one JSON line: SampleResult.
 */
import { randomBytes } from 'node:crypto';
import webpush from 'web-push';
import { z } from 'zod';
import { encryptPushPayload } from '../../../server/push/encrypt';
import { deterministicSubscription } from '../../support/push-receiver';

export interface RateResult {
  count: number;
  ms: number;
  perSecond: number;
}

export interface SampleResult {
  /** The best of `rounds` rounds of `count` sends; `sends`, `accepted` and `failed` are over all rounds. */
  naive: RateResult & {
    rounds: number;
    sends: number;
    accepted: number;
    failed: number;
    firstError: string | null;
  };
  floor: RateResult;
}

const Args = z.object({ origin: z.string().url(), seed: z.string().min(1), sample: z.number().int().min(1) });
const args = Args.parse(JSON.parse(process.argv[2] ?? '{}'));

/** Shaped and sized like a queue_opened push from the delivery worker. */
function payloadFor(index: number): string {
  const id = 900_000 + index;
  return JSON.stringify({
    id,
    type: 'queue_opened',
    title: 'Outpatients is open',
    body: 'The Outpatients queue is open. You can join it in the app.',
    department: 'OPD',
    url: `/?notification=${id}`,
    receipt: randomBytes(24).toString('base64url'),
  });
}

const subscriptions = Array.from({ length: args.sample }, (_, index) =>
  deterministicSubscription({ origin: args.origin, seed: args.seed, id: `naive${index}` }),
);
const payloads = subscriptions.map((_, index) => payloadFor(index));
const rate = (count: number, ms: number): RateResult => ({ count, ms, perSecond: (count / ms) * 1000 });

const FLOOR_ROUNDS = 5;

/** Runs `round` this many times; the fastest one's milliseconds. */
async function bestRound(rounds: number, round: () => void | Promise<void>): Promise<number> {
  let best = Infinity;
  for (let index = 0; index < rounds; index++) {
    const started = performance.now();
    await round();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** The best of a few rounds: the floor is what the encryption costs when nothing gets in its way. */
async function floor(): Promise<RateResult> {
  // Warm the JIT and OpenSSL's tables first; the server's encryptions run warm too.
  for (let index = 0; index < Math.min(200, args.sample); index++) {
    encryptPushPayload(
      Buffer.from(payloads[index] ?? ''),
      subscriptions[index]?.keys ?? { p256dh: '', auth: '' },
    );
  }
  const best = await bestRound(FLOOR_ROUNDS, () => {
    subscriptions.forEach((subscription, index) => {
      encryptPushPayload(Buffer.from(payloads[index] ?? ''), subscription.keys);
    });
  });
  return rate(args.sample, best);
}

/**
 * The best of a few rounds, as for the floor: one request at a time measures latency on an idle machine,
 * which moved by ±15 % between single rounds, so a slow round flattered the ratio to naive.
 */
const NAIVE_ROUNDS = 3;

async function naive(): Promise<SampleResult['naive']> {
  const keys = webpush.generateVAPIDKeys();
  webpush.setVapidDetails('mailto:bench@queuebell.invalid', keys.publicKey, keys.privateKey);
  let accepted = 0;
  let failed = 0;
  let firstError: string | null = null;
  const best = await bestRound(NAIVE_ROUNDS, async () => {
    for (const [index, subscription] of subscriptions.entries()) {
      try {
        const result = await webpush.sendNotification(subscription, payloads[index] ?? '');
        if (result.statusCode >= 200 && result.statusCode < 300) accepted += 1;
        else failed += 1;
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  });
  const sends = args.sample * NAIVE_ROUNDS;
  return { ...rate(args.sample, best), rounds: NAIVE_ROUNDS, sends, accepted, failed, firstError };
}

const result: SampleResult = { floor: await floor(), naive: await naive() };
process.stdout.write(`${JSON.stringify(result)}\n`);

/**
 * A push receiver in its own process, so a benchmark's decryption and TLS work does not share a CPU with
 * the server under test. Usage: `tsx tests/support/push-receiver-main.ts '{"seed":"s1","decrypt":false}'`
 * (QB_TEST_TLS_DIR must name the test certificate). Prints `{"origin":"https://127.0.0.1:PORT"}` on one
 * line when listening; the parent computes subscriptions with deterministicSubscription(), reads
 * counters from GET <origin>/stats and the pushes it decrypted (decryptPrefix) from GET
 * <origin>/received. Stops on SIGTERM, SIGINT, or when an IPC parent disconnects.
 */
import { z } from 'zod';
import { startPushReceiver } from './push-receiver';

const Options = z
  .object({
    seed: z.string().min(1).optional(),
    decrypt: z.boolean().optional(),
    decryptPrefix: z.string().min(1).optional(),
    expectedVapidPublicKey: z.string().optional(),
    port: z.number().int().min(0).max(65_535).optional(),
  })
  .strict();

const options = Options.parse(JSON.parse(process.argv[2] ?? '{}'));
const receiver = await startPushReceiver(options);
process.stdout.write(`${JSON.stringify({ origin: receiver.origin })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await receiver.close();
  process.exit(0);
}
process.on('SIGTERM', stop).on('SIGINT', stop).on('disconnect', stop);

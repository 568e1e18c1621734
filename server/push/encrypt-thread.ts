import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { encryptPushPayload, PushPayloadError } from './encrypt';
import type { PushSubscriptionKeys } from './encrypt';

/**
 * One thread of the encryption pool: RFC 8291 encryption off the event loop. Requests come in arrays
 * and are answered with one message, because a `postMessage` per push cost more than the encryption.
 * Plaintexts come as strings and the bodies go back packed in one transferred buffer: a Buffer in a
 * message is cloned with the whole 8 KiB pool slab under it, and each transferred buffer is an
 * allocation of its own on both threads.
 */
export interface EncryptRequest {
  id: number;
  plaintext: string;
  keys: PushSubscriptionKeys;
}

export type EncryptResult =
  { id: number; offset: number; length: number } | { id: number; error: string; payloadError: boolean };

export interface EncryptResponse {
  /** Every body of the batch, back to back; each result says where its own is. */
  bodies: ArrayBuffer;
  results: EncryptResult[];
}

function encryptBatch(requests: EncryptRequest[]): EncryptResponse {
  const bodies: Buffer[] = [];
  let offset = 0;
  const results = requests.map((request): EncryptResult => {
    try {
      const body = encryptPushPayload(Buffer.from(request.plaintext), request.keys);
      bodies.push(body);
      offset += body.length;
      return { id: request.id, offset: offset - body.length, length: body.length };
    } catch (error) {
      return {
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
        payloadError: error instanceof PushPayloadError,
      };
    }
  });
  const packed = new Uint8Array(new ArrayBuffer(offset));
  let at = 0;
  for (const body of bodies) {
    packed.set(body, at);
    at += body.length;
  }
  return { bodies: packed.buffer, results };
}

/**
 * How much lower than the rest of the server these threads run (a nice value). A fan-out's encryption is
 * most of its CPU; on a machine whose few cores it shares with PostgreSQL, a nurse's call would otherwise
 * wait for a core at each of its round trips. At a lower priority the encryption still takes every cycle
 * nothing else wants, and gives way to the call's queries. On Linux this lowers this thread alone.
 */
export const ENCRYPT_NICE = 10;

// Only in a thread of the pool: a module that merely reads the constant keeps its priority.
if (parentPort) {
  try {
    setPriority(ENCRYPT_NICE);
  } catch {
    // Not allowed here (or not supported): the threads run at the server's priority.
  }
}

parentPort?.on('message', (requests: EncryptRequest[]) => {
  const response = encryptBatch(requests);
  parentPort?.postMessage(response, [response.bodies]);
});

import { parentPort } from 'node:worker_threads';
import { encryptPushPayload, PushPayloadError } from './encrypt';
import type { PushSubscriptionKeys } from './encrypt';

/** One thread of the encryption pool: RFC 8291 encryption, one message at a time, off the event loop. */
export interface EncryptRequest {
  id: number;
  plaintext: Uint8Array;
  keys: PushSubscriptionKeys;
}

export type EncryptResponse =
  { id: number; body: Uint8Array } | { id: number; error: string; payloadError: boolean };

parentPort?.on('message', (request: EncryptRequest) => {
  try {
    const body = encryptPushPayload(Buffer.from(request.plaintext), request.keys);
    parentPort?.postMessage({ id: request.id, body } satisfies EncryptResponse);
  } catch (error) {
    parentPort?.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
      payloadError: error instanceof PushPayloadError,
    } satisfies EncryptResponse);
  }
});

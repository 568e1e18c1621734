import { parentPort } from 'node:worker_threads';
import { encryptPushPayload, PushPayloadError } from './encrypt';
import type { PushSubscriptionKeys } from './encrypt';

/**
 * One thread of the encryption pool: RFC 8291 encryption off the event loop. Requests come in arrays
 * and are answered with one array, because a `postMessage` per push cost more than the encryption's
 * structured clone of a whole batch.
 */
export interface EncryptRequest {
  id: number;
  plaintext: Uint8Array;
  keys: PushSubscriptionKeys;
}

export type EncryptResponse =
  { id: number; body: Uint8Array } | { id: number; error: string; payloadError: boolean };

function encryptOne(request: EncryptRequest): EncryptResponse {
  try {
    return { id: request.id, body: encryptPushPayload(Buffer.from(request.plaintext), request.keys) };
  } catch (error) {
    return {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
      payloadError: error instanceof PushPayloadError,
    };
  }
}

parentPort?.on('message', (requests: EncryptRequest[]) => {
  parentPort?.postMessage(requests.map(encryptOne));
});

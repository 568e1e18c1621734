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
  { id: number; body: Uint8Array<ArrayBuffer> } | { id: number; error: string; payloadError: boolean };

function encryptOne(request: EncryptRequest): EncryptResponse {
  try {
    // Its own exact-size buffer (not a slice of Node's shared pool), so it can be transferred, not copied.
    const body = new Uint8Array(encryptPushPayload(Buffer.from(request.plaintext), request.keys));
    return { id: request.id, body };
  } catch (error) {
    return {
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
      payloadError: error instanceof PushPayloadError,
    };
  }
}

parentPort?.on('message', (requests: EncryptRequest[]) => {
  const responses = requests.map(encryptOne);
  const transfer = responses.flatMap((response) => ('body' in response ? [response.body.buffer] : []));
  parentPort?.postMessage(responses, transfer);
});

import type { SW_MESSAGES } from '../sw-messages';

type WorkerMessageType = (typeof SW_MESSAGES)[keyof typeof SW_MESSAGES];

/** Calls `listener` with each message of this type from the service worker; answers the unsubscribe. */
export function onWorkerMessage(
  type: WorkerMessageType,
  listener: (message: { type: WorkerMessageType; id?: unknown }) => void,
): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const onMessage = (event: MessageEvent<unknown>) => {
    const message = event.data as { type?: unknown; id?: unknown } | null;
    if (message?.type === type) listener({ type, id: message.id });
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}

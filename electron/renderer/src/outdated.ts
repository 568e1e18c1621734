import { ApiError } from '../../../shared/api-client';

/**
 * The server refused this console as too old (426 `console_outdated`, CONSOLE_MIN_VERSION): nothing it
 * does will work until it is updated, so the whole console gives way to one screen that says so, with
 * the server's own message (which names both versions). Kept here, outside React, because any API
 * call anywhere may be the one that learns it.
 */
export const CONSOLE_OUTDATED = 'console_outdated';

let message: string | null = null;
const listeners = new Set<() => void>();

export function isOutdatedError(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 426 && error.code === CONSOLE_OUTDATED;
}

/** Remembers the first refusal and tells the subscribers; any other error is ignored. */
export function reportIfOutdated(error: unknown): void {
  if (!isOutdatedError(error) || message !== null) return;
  message = error.message;
  for (const listener of listeners) listener();
}

export function outdatedMessage(): string | null {
  return message;
}

export function subscribeOutdated(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

import type { ApiErrorBody, ApiErrorDetail } from '../../shared/errors';

/** The PWA and the kiosk are served by the API server itself, so every call is same-origin. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** From a 429's Retry-After header, when it gave seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never reached the server (offline, server down, DNS): status 0, code `network_error`. */
export const NETWORK_ERROR = 'network_error';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  token?: string | null;
  body?: unknown;
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
  );
}

/** Retry-After is seconds or an HTTP date; both become seconds from now. */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    // fetch rejects only when no answer came back at all.
    throw new ApiError(0, NETWORK_ERROR, 'No connection. Try again in a moment.');
  }
  if (response.status === 204) return undefined as T;

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (isApiErrorBody(payload)) {
    throw new ApiError(
      response.status,
      payload.error.code,
      payload.error.message,
      payload.error.details ?? [],
      retryAfterSeconds(response.headers.get('Retry-After')),
    );
  }
  throw new ApiError(response.status, 'unexpected_response', `The server answered ${response.status}`);
}

/** An English sentence for screens without translations (the kiosk's status line). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : 'Something went wrong';
}

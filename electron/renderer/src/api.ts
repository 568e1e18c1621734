import type { ApiErrorBody, ApiErrorDetail } from '../../../shared/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
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

/** Calls the server's JSON API; errors come back as ApiError carrying the contract's code and message. */
export async function apiRequest<T>(
  serverUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  const response = await fetch(new URL(path, serverUrl), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (isApiErrorBody(payload)) {
    const { code, message, details } = payload.error;
    throw new ApiError(response.status, code, message, details ?? []);
  }
  throw new ApiError(response.status, 'unexpected_response', `The server answered ${response.status}`);
}

// Electron prefixes errors thrown by main-process handlers; the nurse needs only the sentence.
const IPC_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** fetch rejects with a TypeError when the server cannot be reached at all. */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (isNetworkError(error))
    return 'The server cannot be reached. Check the connection and the server address.';
  return error instanceof Error ? error.message.replace(IPC_ERROR_PREFIX, '') : 'Something went wrong';
}

/** The validation details of a 400, as the nurse should read them: "endTime: must differ from startTime". */
export function errorDetails(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((detail) => (detail.path ? `${detail.path}: ${detail.message}` : detail.message));
}

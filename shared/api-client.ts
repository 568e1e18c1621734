import type { z } from 'zod';
import type { ApiErrorBody, ApiErrorDetail } from './errors';
import type { AnswerOf, ParamNames, PathOf, RouteKey, Routes } from './routes';

/**
 * The one typed client of the HTTP API, for the patient app, the kiosk and the console: a call names
 * its route by the shared table's key (`'POST /api/queues/:department/open'`), and the compiler checks
 * its parameters, query and body against the table's schemas and types its answer. It imports the
 * table's types only, so no schema code reaches the front ends' bundles.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** From a 429's Retry-After header, in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never reached the server (offline, server down, DNS): status 0, code `network_error`. */
export const NETWORK_ERROR = 'network_error';

export function isNetworkError(error: unknown): boolean {
  return error instanceof ApiError && error.code === NETWORK_ERROR;
}

type Spec<K extends RouteKey> = Routes[K];
type QueryValue = string | number | boolean | null | undefined;

/** A schema that reshapes its input (open and close default their body) is typed by what it gives. */
type Sent<S extends z.ZodType> = unknown extends z.input<S> ? z.output<S> | undefined : z.input<S>;

type ParamsPart<K extends RouteKey> = [ParamNames<PathOf<K>>] extends [never]
  ? { params?: never }
  : { params: Record<ParamNames<PathOf<K>>, string | number> };

type QueryPart<K extends RouteKey> =
  Spec<K> extends { query: infer S extends z.ZodType }
    ? { query?: { [Name in keyof z.input<S>]?: QueryValue } }
    : { query?: never };

type BodyPart<K extends RouteKey> =
  Spec<K> extends { body: infer S extends z.ZodType }
    ? undefined extends Sent<S>
      ? { body?: Sent<S> }
      : { body: Sent<S> }
    : { body?: never };

export type CallInput<K extends RouteKey> = ParamsPart<K> &
  QueryPart<K> &
  BodyPart<K> & {
    /** This call's token, instead of the client's. */
    token?: string | null;
  };

/** A route that needs no input can be called with its key alone. */
type CallArguments<K extends RouteKey> =
  object extends CallInput<K> ? [input?: CallInput<K>] : [input: CallInput<K>];

export type ApiCall = <K extends RouteKey>(key: K, ...input: CallArguments<K>) => Promise<AnswerOf<K>>;

export interface ApiClientOptions {
  /** The server's origin; absent for the same origin (the patient app and the kiosk are served by it). */
  baseUrl?: string;
  /** The token sent when a call names none. */
  token?: () => string | null | undefined;
  /** The server refused the token (revoked, expired): the client signs out instead of failing on. */
  onUnauthenticated?: () => void;
  /**
   * Sent with every request, such as the desktop console's version (`CONSOLE_VERSION_HEADER`). They
   * cannot replace the headers the client sets itself (Accept, Content-Type, Authorization).
   */
  headers?: Readonly<Record<string, string>>;
}

/** Same-origin calls: the patient app and the kiosk are served by the API server itself. */
export function sameOriginApi(): ApiCall {
  return createApiClient();
}

export function createApiClient(options: ApiClientOptions = {}): ApiCall {
  return async <K extends RouteKey>(key: K, ...[input]: CallArguments<K>): Promise<AnswerOf<K>> => {
    const { method, address } = addressOf(key, input ?? {});
    const token = input?.token !== undefined ? input.token : options.token?.();
    try {
      return (await send(method, options.baseUrl ? new URL(address, options.baseUrl) : address, {
        token,
        body: input?.body,
        headers: options.headers,
      })) as AnswerOf<K>;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) options.onUnauthenticated?.();
      throw error;
    }
  };
}

interface LooseInput {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue>;
}

/** The route's path with its parameters filled in (encoded) and its query appended. */
function addressOf(key: RouteKey, input: LooseInput): { method: string; address: string } {
  const [method = 'GET', path = '/'] = key.split(' ');
  const filled = path.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(input.params?.[name] ?? '')),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (value !== undefined && value !== null) query.set(name, String(value));
  }
  const search = query.toString();
  return { method, address: search ? `${filled}?${search}` : filled };
}

interface Outgoing {
  token: string | null | undefined;
  body: unknown;
  headers: Readonly<Record<string, string>> | undefined;
}

/** What the client sets itself; an extra header of the same name (in any case) is left out. */
const OWN_HEADERS = new Set(['accept', 'content-type', 'authorization']);

async function send(method: string, url: string | URL, outgoing: Outgoing): Promise<unknown> {
  const { token, body } = outgoing;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(outgoing.headers ?? {})) {
    if (!OWN_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers.Accept = 'application/json';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // fetch rejects only when no answer came back at all.
    throw new ApiError(0, NETWORK_ERROR, 'No connection. Try again in a moment.');
  }
  if (response.status === 204) return undefined;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload;
  if (isApiErrorBody(payload)) {
    const { code, message, details } = payload.error;
    throw new ApiError(
      response.status,
      code,
      message,
      details ?? [],
      retryAfterSeconds(response.headers.get('Retry-After')),
    );
  }
  throw new ApiError(response.status, 'unexpected_response', `The server answered ${response.status}`);
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

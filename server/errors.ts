import type { ApiErrorBody, ApiErrorDetail } from '../shared/errors';

/** An error a client can cause; it is answered in the contract's format and never logged as a fault. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetail[],
    readonly headers: Record<string, string> = {},
    /** Extra top-level fields, e.g. the existing ticket on `already_in_queue`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody & Record<string, unknown> {
    const error: ApiErrorBody['error'] = { code: this.code, message: this.message };
    if (this.details) error.details = this.details;
    return { error, ...this.extra };
  }
}

export const validationFailed = (details: ApiErrorDetail[], message = 'The request is not valid.') =>
  new ApiError(400, 'validation_failed', message, details);
export const unauthenticated = (message = 'Sign in to continue.') =>
  new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this.') =>
  new ApiError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new ApiError(409, code, message, undefined, {}, extra);
export const rateLimited = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', 'Too many attempts. Wait a while and try again.', undefined, {
    'retry-after': String(retryAfterSeconds),
  });

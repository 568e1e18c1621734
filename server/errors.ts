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

/** A phone number that no numbering plan allows (too short, a code that does not exist, …). */
export const invalidPhone = () =>
  new ApiError(400, 'invalid_phone', 'This is not a phone number that can be reached.', [
    { path: 'body.phone', message: 'must be a possible phone number, e.g. +34 612 34 56 78' },
  ]);
/** SMS asked for with no phone to send it to. */
export const phoneRequired = () =>
  new ApiError(400, 'phone_required', 'Add a phone number before turning text messages on.', [
    { path: 'body.sms', message: 'needs a phone number on the account' },
  ]);
/** An email's unsubscribe link whose token this server did not sign (altered, forged, cut short). */
export const invalidToken = () =>
  new ApiError(
    400,
    'invalid_token',
    'This unsubscribe link is not valid. Turn email off in the app instead.',
    [{ path: 'query.token', message: 'is not a token this server signed' }],
  );

/** A nurse acting on a department that is not theirs (admins and nurses of "all" act on every one). */
export const notAssigned = (code?: string) =>
  new ApiError(
    403,
    'not_assigned',
    code
      ? `You are not assigned to the ${code} department.`
      : 'You are assigned to some departments only: name one of them.',
  );
/** The right password for an account an admin has disabled. */
export const accountDisabled = () =>
  new ApiError(403, 'account_disabled', 'This account has been disabled. Ask an administrator.');
/** A change that would leave no admin able to sign in. */
export const lastAdmin = () =>
  conflict('last_admin', 'This is the last active admin: make someone else an admin first.');
/** A call to a room the department does not list. */
export const unknownRoom = (rooms: string[]) =>
  new ApiError(400, 'unknown_room', 'This department has no such room.', [
    { path: 'body.room', message: `must be one of: ${rooms.join(', ')}` },
  ]);
/** Staff assigned to departments that do not exist. */
export const unknownDepartment = (codes: string[]) =>
  new ApiError(400, 'unknown_department', `There is no department ${codes.join(', ')}.`, [
    { path: 'body.departments', message: `names no department: ${codes.join(', ')}` },
  ]);
/** An archived department: no joins, no opening. */
export const departmentArchived = (code: string) =>
  conflict('department_archived', `The ${code} department is archived.`);
/** An invitation asked for on a server with no email (SMTP_URL unset). */
export const emailNotConfigured = () =>
  conflict(
    'email_not_configured',
    'This server sends no email (SMTP_URL is not set): create the account with a password instead.',
  );
/** The mail server did not take an invitation; the account was not created. */
export const invitationFailed = () =>
  new ApiError(
    502,
    'invitation_failed',
    'The invitation could not be sent, so the account was not created. Try again, or create it with a password.',
  );

/** A password-reset token that is unknown, already used or past its 30 minutes. */
export const invalidResetToken = () =>
  new ApiError(400, 'invalid_token', 'This reset link is not valid any more. Ask for a new one.', [
    { path: 'body.token', message: 'is unknown, used or expired' },
  ]);
/** The account's current password was not the one given. */
export const wrongPassword = (path = 'body.currentPassword') =>
  new ApiError(403, 'wrong_password', 'That is not your current password.', [
    { path, message: 'is not the current password' },
  ]);
/** An API key calling a route outside its scopes, or a route no scope opens to keys. */
export const insufficientScope = (scope?: string) =>
  new ApiError(
    403,
    'insufficient_scope',
    scope
      ? `This API key needs the ${scope} scope for this route.`
      : 'This route cannot be called with an API key.',
  );
/** An `Idempotency-Key` sent again with another request than the one it was first sent with. */
export const idempotencyKeyReused = () =>
  new ApiError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was used with another request. Use a new key for a new request.',
  );
/** The first request with this `Idempotency-Key` is still running: retry in a moment for its answer. */
export const idempotencyInProgress = () =>
  new ApiError(
    409,
    'idempotency_in_progress',
    'A request with this Idempotency-Key is still being processed. Retry in a moment.',
    undefined,
    { 'retry-after': '1' },
  );

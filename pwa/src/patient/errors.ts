import i18next from 'i18next';
import { ApiError, NETWORK_ERROR } from '../../../shared/api-client';

function validationMessage(error: ApiError): string {
  const paths = error.details.map((detail) => detail.path);
  if (paths.some((path) => path.endsWith('email'))) return i18next.t('errors.invalidEmail');
  if (paths.some((path) => path.endsWith('password'))) return i18next.t('errors.invalidPassword');
  if (paths.some((path) => path.endsWith('name'))) return i18next.t('errors.invalidName');
  if (paths.some((path) => path.endsWith('phone'))) return i18next.t('errors.invalidPhone');
  return i18next.t('errors.invalid');
}

/**
 * The patient-facing sentence for any failed call, in their language. The server's own messages are
 * English, so the contract's error codes are what gets translated.
 */
export function describeError(error: unknown): string {
  const t = i18next.t;
  if (!(error instanceof ApiError)) return t('errors.unknown');
  switch (error.code) {
    case NETWORK_ERROR:
      return t('errors.offline');
    case 'email_taken':
      return t('errors.emailTaken');
    case 'rate_limited':
      return error.retryAfterSeconds
        ? t('errors.rateLimited', { count: Math.ceil(error.retryAfterSeconds / 60) })
        : t('errors.rateLimitedSoon');
    case 'validation_failed':
      return validationMessage(error);
    case 'queue_closed':
      return t('errors.queueClosed');
    case 'already_in_queue':
      return t('errors.alreadyInQueue');
    case 'not_found':
      return t('errors.notFound');
    case 'invalid_transition':
      return t('errors.invalidTransition');
    case 'forbidden':
      return t('errors.forbidden');
    case 'payload_too_large':
      return t('errors.tooLarge');
    case 'invalid_phone':
      return t('errors.invalidPhone');
    case 'phone_required':
      return t('errors.phoneRequired');
  }
  if (error.status === 401) return t('errors.sessionExpired');
  if (error.status >= 500) return t('errors.server');
  return t('errors.unknown');
}

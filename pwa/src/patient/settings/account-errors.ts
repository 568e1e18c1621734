import i18next from 'i18next';
import { ApiError } from '../../../../shared/api-client';
import { describeError } from '../errors';

/** The account routes' own refusals in the patient's words, else the app's usual sentence. */
export function describeAccountError(error: unknown): string {
  if (error instanceof ApiError && error.code === 'wrong_password') return i18next.t('account.wrongPassword');
  if (error instanceof ApiError && error.code === 'invalid_token') return i18next.t('account.invalidToken');
  return describeError(error);
}

import i18next from 'i18next';
import type { ApiErrorDetail } from '../../../shared/errors';
import { ApiError, isNetworkError } from '../../../shared/api-client';
import { en } from './i18n/en';

export { ApiError };

/** signIn refuses a patient account: the console is for staff, whatever the server allowed. */
export class StaffOnlyError extends Error {
  constructor() {
    super('This console is for staff accounts');
    this.name = 'StaffOnlyError';
  }
}

// Electron prefixes errors thrown by main-process handlers; the nurse needs only the sentence.
const IPC_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/**
 * The server's and the desktop app's own sentences are English, written for people, and often name
 * specifics (which schedule overlaps, which step a ticket cannot take): an English console shows them
 * as they are. Other languages translate the contract's error code instead.
 */
const speaksServerLanguage = () => i18next.language === 'en';

type KnownCode = keyof typeof en.errors.codes;
const isKnownCode = (code: string): code is KnownCode => Object.hasOwn(en.errors.codes, code);

/**
 * The sentence a nurse reads for a failed action, in the console's language. `fallback` is the sentence
 * for a failure that is neither the server's nor the network's (a desktop call that failed), in
 * languages other than English.
 */
export function errorMessage(error: unknown, fallback?: string): string {
  if (error instanceof StaffOnlyError) return i18next.t('errors.staffOnly');
  if (isNetworkError(error)) return i18next.t('errors.network');
  if (error instanceof ApiError) return speaksServerLanguage() ? error.message : translatedApiError(error);
  if (speaksServerLanguage() && error instanceof Error && error.message)
    return error.message.replace(IPC_ERROR_PREFIX, '');
  return fallback ?? i18next.t('errors.unknown');
}

function translatedApiError(error: ApiError): string {
  if (isKnownCode(error.code)) return i18next.t(`errors.codes.${error.code}`);
  if (error.status === 401) return i18next.t('errors.codes.unauthenticated');
  if (error.status >= 500) return i18next.t('errors.server');
  return i18next.t('errors.unknown');
}

/** The validation details of a 400, as the nurse should read them: "endTime: must differ from startTime". */
export function errorDetails(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  if (speaksServerLanguage())
    return error.details.map((detail) =>
      detail.path ? `${detail.path}: ${detail.message}` : detail.message,
    );
  return error.details.map(translatedDetail);
}

type Field = keyof typeof en.errors.fields;
type Problem = keyof typeof en.errors.problems;
const isField = (name: string | undefined): name is Field =>
  name !== undefined && Object.hasOwn(en.errors.fields, name);

/** The messages the API is known to give about a field (server/http/validate.ts, shared/queues.ts). */
const PROBLEMS: Readonly<Record<string, Problem>> = {
  'is required': 'required',
  'must be a time HH:MM (00:00–23:59)': 'time',
  'must differ from startTime': 'differsFromStart',
  'must not repeat a day': 'repeatedDay',
};

function problemOf(message: string): Problem {
  return PROBLEMS[message] ?? (message.startsWith('Too small') ? 'tooFew' : 'invalid');
}

/** "body.daysOfWeek.0" names the field daysOfWeek: the last part of the path that is not an index. */
function fieldOf(path: string): Field | null {
  const name = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .at(-1);
  return isField(name) ? name : null;
}

function translatedDetail(detail: ApiErrorDetail): string {
  const problem = i18next.t(`errors.problems.${problemOf(detail.message)}`);
  const field = fieldOf(detail.path);
  return field
    ? i18next.t('errors.detail', { field: i18next.t(`errors.fields.${field}`), problem })
    : problem;
}

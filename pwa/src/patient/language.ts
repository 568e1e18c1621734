import i18next from 'i18next';
import { sameOriginApi } from '../../../shared/api-client';

const api = sameOriginApi();
import { changeLanguage, chosenLanguage, languageOfLocale } from './i18n';
import type { PatientSession } from './session';

/**
 * After signing in: a language picked on this device (say, on the sign-in screen) wins and is saved to
 * the account; without one, the account's language is adopted, so a patient finds theirs on a new phone.
 */
export async function reconcileLanguage(session: PatientSession): Promise<void> {
  const account = languageOfLocale(session.user.locale);
  const chosen = chosenLanguage();
  if (!chosen) {
    if (account && account !== i18next.language) await changeLanguage(account);
    return;
  }
  if (chosen === account) return;
  const preferences = await api('GET /api/me/preferences', { token: session.token }).catch(() => null);
  if (preferences)
    await api('PUT /api/me/preferences', {
      token: session.token,
      body: { ...preferences, locale: chosen },
    }).catch(() => undefined);
}

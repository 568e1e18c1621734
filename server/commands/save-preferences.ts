import type { Preferences } from '../../shared/schemas';
import { preferencesOf } from '../accounts/preferences';
import type { User } from '../db/models/index';

/** A patient's notification preferences; departments are kept sorted and without repeats. */
export async function savePreferences(user: User, preferences: Preferences): Promise<Preferences> {
  const departments = preferences.departments === 'all' ? null : [...new Set(preferences.departments)].sort();
  await user.update({
    notifyDepartments: departments,
    pushEnabled: preferences.push,
    locale: preferences.locale,
  });
  return preferencesOf(user);
}

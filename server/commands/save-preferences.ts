import type { Preferences, PreferencesBody } from '../../shared/schemas';
import { SMS_NEEDS_PHONE, violatesCheck } from '../accounts/constraints';
import { preferencesOf } from '../accounts/preferences';
import { Department } from '../db/models/index';
import type { User } from '../db/models/index';
import { phoneRequired, validationFailed } from '../errors';

/**
 * A patient's notification preferences; departments are kept sorted and without repeats. `email` and
 * `sms` left out (a client older than them) keep what is stored. SMS needs a phone: asked for without
 * one it is 400 `phone_required`, also when the phone was removed by a request that committed first
 * (the database's check catches that race).
 */
export async function savePreferences(user: User, preferences: PreferencesBody): Promise<Preferences> {
  if (preferences.departments !== 'all') await checkDepartmentsExist(preferences.departments);
  const departments = preferences.departments === 'all' ? null : [...new Set(preferences.departments)].sort();
  const sms = preferences.sms ?? user.smsEnabled;
  if (sms && !user.phone) throw phoneRequired();
  try {
    await user.update({
      notifyDepartments: departments,
      pushEnabled: preferences.push,
      emailEnabled: preferences.email ?? user.emailEnabled,
      smsEnabled: sms,
      locale: preferences.locale,
    });
  } catch (error) {
    if (violatesCheck(error, SMS_NEEDS_PHONE)) throw phoneRequired();
    throw error;
  }
  return preferencesOf(user);
}

/** Every code must name a department: 400 with one detail per unknown code. */
async function checkDepartmentsExist(codes: string[]): Promise<void> {
  const known = new Set((await Department.findAll({ attributes: ['code'] })).map((d) => d.code));
  const unknown = codes.filter((code) => !known.has(code));
  if (unknown.length === 0) return;
  throw validationFailed(
    unknown.map((code) => ({ path: 'body.departments', message: `unknown department ${code}` })),
  );
}

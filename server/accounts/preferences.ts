import type { Preferences } from '../../shared/schemas';
import type { User } from '../db/models/index';

export function preferencesOf(user: User): Preferences {
  return {
    departments: user.notifyDepartments ?? 'all',
    push: user.pushEnabled,
    email: user.emailEnabled,
    sms: user.smsEnabled,
    locale: user.locale,
  };
}

import type { User as UserJson } from '../../shared/schemas';
import type { User } from '../db/models/index';

/** The user as they see themselves: only their own answers carry it (the phone is theirs alone). */
export function presentUser(user: User): UserJson {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    phone: user.phone ?? null,
    guest: user.guest,
  };
}

import type { User as UserJson } from '../../shared/schemas';
import type { User } from '../db/models/index';

export function presentUser(user: User): UserJson {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

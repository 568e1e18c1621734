import { UniqueConstraintError } from 'sequelize';
import type { Transaction } from 'sequelize';
import type { Role } from '../../shared/constants';
import { hashPassword } from '../accounts/passwords';
import { User } from '../db/models/index';
import { conflict } from '../errors';

export interface NewUser {
  email: string;
  password: string;
  name: string;
  role: Role;
  locale?: string | undefined;
  /** Staff: the departments a nurse acts on; left out (or "all"), every department. */
  departments?: 'all' | string[] | undefined;
}

/** An account of any role, its password stored only hashed; a taken email is a 409. */
export async function createUser(input: NewUser, transaction?: Transaction): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await User.create(
      {
        email: input.email.toLowerCase(),
        passwordHash,
        name: input.name,
        role: input.role,
        locale: input.locale ?? 'en',
        staffDepartments:
          input.departments === undefined || input.departments === 'all' ? null : input.departments,
      },
      { transaction },
    );
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw conflict('email_taken', 'An account with this email already exists.');
    }
    throw error;
  }
}

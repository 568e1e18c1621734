import type { RegisterBody } from '../../shared/schemas';
import { issueToken } from '../accounts/tokens';
import type { User } from '../db/models/index';
import { createUser } from './create-user';

/** Self-registration only ever makes patients; staff accounts come from the CLI. */
export async function register(body: RegisterBody): Promise<{ token: string; user: User }> {
  const user = await createUser({ ...body, role: 'patient' });
  return { token: await issueToken(user.id), user };
}

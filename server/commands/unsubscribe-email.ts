import { User } from '../db/models/index';

/**
 * Email off for one user, as the unsubscribe link of an email sent to them asks; their other choices
 * stay. Doing it twice, or for a user who has since gone, changes nothing more.
 */
export async function unsubscribeEmail(userId: number): Promise<void> {
  await User.update({ emailEnabled: false }, { where: { id: userId } });
}

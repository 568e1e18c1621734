import type { CountryCode } from 'libphonenumber-js/max';
import type { UpdateMeBody } from '../../shared/schemas';
import { normalisePhone } from '../accounts/phone';
import { User } from '../db/models/index';

/** The columns a `PATCH /api/me` body changes; what it leaves out stays as it is. */
type ProfileChange = Partial<Pick<User, 'name' | 'locale' | 'phone' | 'smsEnabled'>>;

function changeOf(body: UpdateMeBody, region: CountryCode): ProfileChange {
  const change: ProfileChange = {};
  if (body.name !== undefined) change.name = body.name;
  if (body.locale !== undefined) change.locale = body.locale;
  if (body.phone === null) {
    // Without a number there is nothing to text: SMS goes off with it rather than refusing the removal.
    change.phone = null;
    change.smsEnabled = false;
  } else if (body.phone !== undefined) {
    change.phone = normalisePhone(body.phone, region);
  }
  return change;
}

/**
 * A user's own name, locale and phone. The phone is checked before anything is written, so an
 * impossible number (400 `invalid_phone`) changes nothing, not even the name sent beside it.
 * Written with a statement of every given column, not through the instance: the instance would leave
 * out `sms_enabled = false` when it was read as false, and a request turning SMS on that committed in
 * between would then make the removal break the database's SMS-needs-a-phone check.
 */
export async function updateMe(user: User, body: UpdateMeBody, region: CountryCode): Promise<User> {
  const change = changeOf(body, region);
  if (Object.keys(change).length === 0) return user;
  const [, [updated]] = await User.update(change, { where: { id: user.id }, returning: true });
  return updated ?? user;
}

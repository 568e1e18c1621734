import type { CountryCode } from 'libphonenumber-js/max';
import { UniqueConstraintError } from 'sequelize';
import type { Sequelize } from 'sequelize';
import type { GuestBody, UpgradeBody } from '../../shared/schemas';
import { guestRetryAfterSeconds, recordGuestSignup } from '../accounts/guests';
import { hashPassword } from '../accounts/passwords';
import { normalisePhone } from '../accounts/phone';
import { issueToken } from '../accounts/tokens';
import { User } from '../db/models/index';
import { conflict, rateLimited } from '../errors';

/**
 * A patient who joins without registering (the kiosk's QR code): a name to be called by and, when given,
 * a phone that SMS may reach. Limited per address so a script cannot fill the table.
 */
export async function joinAsGuest(
  sequelize: Sequelize,
  body: GuestBody,
  ip: string,
  region: CountryCode,
): Promise<{ token: string; user: User }> {
  const phone = body.phone === undefined ? null : normalisePhone(body.phone, region);
  const retryAfter = await guestRetryAfterSeconds(sequelize, ip);
  if (retryAfter > 0) throw rateLimited(retryAfter);
  const user = await User.create({
    email: null,
    passwordHash: null,
    name: body.name,
    role: 'patient',
    locale: body.locale ?? 'en',
    guest: true,
    phone,
    smsEnabled: phone !== null,
    // No address to write to: the channels never choose email for a guest.
    emailEnabled: false,
  });
  await recordGuestSignup(sequelize, ip);
  return { token: await issueToken(user.id), user };
}

/**
 * A guest becomes a full account: the same user row, so their tickets, bookings, notifications and
 * subscriptions stay theirs; their session goes on. A taken email is 409 `email_taken`; an account that
 * is not a guest has nothing to upgrade (409 `not_a_guest`).
 */
export async function upgradeGuest(user: User, body: UpgradeBody): Promise<User> {
  if (!user.guest) throw conflict('not_a_guest', 'This account already has an email and a password.');
  const passwordHash = await hashPassword(body.password);
  try {
    const [count, [updated]] = await User.update(
      { email: body.email, passwordHash, guest: false, emailEnabled: true },
      { where: { id: user.id, guest: true }, returning: true },
    );
    if (count === 0 || !updated)
      throw conflict('not_a_guest', 'This account already has an email and a password.');
    return updated;
  } catch (error) {
    if (error instanceof UniqueConstraintError) {
      throw conflict('email_taken', 'An account with this email already exists.');
    }
    throw error;
  }
}

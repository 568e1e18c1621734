import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type { Transaction } from 'sequelize';
import { TOKEN_TTL_DAYS } from '../../shared/constants';
import { Session, User } from '../db/models/index';

const DAY_MS = 24 * 60 * 60 * 1000;
const TTL_MS = TOKEN_TTL_DAYS * DAY_MS;
/** Sliding expiry is written at most this often per session, not on every request. */
const SLIDE_EVERY_MS = 60 * 1000;

/** Tokens are opaque random strings; only their SHA-256 is stored, so a database leak gives no tokens. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export async function issueToken(userId: number): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await Session.create({ userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TTL_MS) });
  return token;
}

export interface Authenticated {
  user: User;
  sessionId: number;
}

export async function authenticateToken(token: string): Promise<Authenticated | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const now = new Date();
  const session = await Session.findOne({
    where: { tokenHash: hashToken(token), revokedAt: null, expiresAt: { [Op.gt]: now } },
    // A disabled account's sessions were revoked when it was disabled; this holds even if one was not.
    include: [{ model: User, as: 'user', required: true, where: { disabled: false } }],
  });
  if (!session) return undefined;
  const user = (session as Session & { user: User }).user;
  if (now.getTime() - session.lastUsedAt.getTime() > SLIDE_EVERY_MS) {
    await Session.update(
      { lastUsedAt: now, expiresAt: new Date(now.getTime() + TTL_MS) },
      { where: { id: session.id } },
    );
    // Staff's "last seen" rides on the same once-a-minute write; patients' activity is not kept.
    // silent: being seen is not a change to the account, so updated_at stays.
    if (user.role !== 'patient') {
      await User.update({ lastSeenAt: now }, { where: { id: user.id }, silent: true });
    }
  }
  return { user, sessionId: session.id };
}

export async function revokeSession(sessionId: number): Promise<void> {
  await Session.update({ revokedAt: new Date() }, { where: { id: sessionId } });
}

/** Ends every session of a user at once (disabled, password reset); answers how many were live. */
export async function revokeUserSessions(userId: number, transaction?: Transaction): Promise<number> {
  const [revoked] = await Session.update(
    { revokedAt: new Date() },
    { where: { userId, revokedAt: null, expiresAt: { [Op.gt]: new Date() } }, transaction },
  );
  return revoked;
}

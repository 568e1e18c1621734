import crypto from 'node:crypto';
import { Op } from 'sequelize';
import type { Transaction } from 'sequelize';
import { TOKEN_TTL_DAYS } from '../../shared/constants';
import { Session, User } from '../db/models/index';

/** A patient's session lives this long after its last use. */
export const PATIENT_IDLE_SECONDS = TOKEN_TTL_DAYS * 24 * 60 * 60;
/** Sliding expiry is written at most this often per session (or a quarter of its idle time), not on every request. */
const SLIDE_EVERY_MS = 60 * 1000;

/** Tokens are opaque random strings; only their SHA-256 is stored, so a database leak gives no tokens. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A new session sliding on `idleSeconds`: a patient's 30 days, a staff member's STAFF_IDLE_MINUTES. */
export async function issueToken(userId: number, idleSeconds = PATIENT_IDLE_SECONDS): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  await Session.create({
    userId,
    tokenHash: hashToken(token),
    idleSeconds,
    expiresAt: new Date(Date.now() + idleSeconds * 1000),
  });
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
  const idleMs = session.idleSeconds * 1000;
  if (now.getTime() - session.lastUsedAt.getTime() > Math.min(SLIDE_EVERY_MS, idleMs / 4)) {
    await Session.update(
      { lastUsedAt: now, expiresAt: new Date(now.getTime() + idleMs) },
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

import { importJWK, jwtVerify } from 'jose';

/** Why a push request's VAPID authorization was refused, with the status a push service answers. */
export interface VapidFailure {
  status: 401 | 403;
  reason: string;
}

const MAX_EXP_AHEAD_SECONDS = 24 * 60 * 60;
// Tolerates the sender's clock being a little ahead when it computed `exp`.
const CLOCK_SKEW_SECONDS = 60;
const MAX_CACHED_TOKENS = 10_000;

function parseAuthorization(header: string): { token: string; key: string } | null {
  const match = /^vapid\s+(.*)$/i.exec(header.trim());
  if (!match?.[1]) return null;
  const params = new Map<string, string>();
  for (const part of match[1].split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  return token && key ? { token, key } : null;
}

function publicJwk(key: string): { kty: 'EC'; crv: 'P-256'; x: string; y: string } | null {
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04) return null;
  return {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
  };
}

/**
 * RFC 8292 checks, with jose as an implementation independent of the sender's signing code. A verified
 * header is remembered until its `exp`, because senders reuse one token for many messages and a benchmark
 * must not be bottlenecked on signature checks.
 */
export function createVapidChecker(opts: { audience: string; expectedPublicKey?: string }) {
  const verified = new Map<string, number>();

  async function verify(header: string, nowSeconds: number): Promise<VapidFailure | { exp: number }> {
    const parsed = parseAuthorization(header);
    if (!parsed) return { status: 401, reason: 'Authorization is not "vapid t=<jwt>, k=<key>"' };
    const jwk = publicJwk(parsed.key);
    if (!jwk) return { status: 401, reason: 'k is not an uncompressed P-256 public key' };
    let payload;
    try {
      const key = await importJWK(jwk, 'ES256');
      ({ payload } = await jwtVerify(parsed.token, key, {
        algorithms: ['ES256'],
        audience: opts.audience,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(nowSeconds * 1000),
      }));
    } catch (error) {
      return { status: 401, reason: `JWT: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof payload.exp !== 'number') return { status: 401, reason: 'JWT exp is not a number' };
    if (payload.exp > nowSeconds + MAX_EXP_AHEAD_SECONDS + CLOCK_SKEW_SECONDS) {
      return { status: 401, reason: 'exp is more than 24 h ahead' };
    }
    if (typeof payload.sub !== 'string' || !/^(mailto:|https:)/.test(payload.sub)) {
      return { status: 401, reason: `sub ${String(payload.sub)} is not mailto: or https:` };
    }
    return { exp: payload.exp };
  }

  return {
    async check(header: string | undefined, nowMs = Date.now()): Promise<VapidFailure | null> {
      if (!header) return { status: 401, reason: 'no Authorization header' };
      const nowSeconds = Math.floor(nowMs / 1000);
      let exp = verified.get(header);
      if (exp === undefined) {
        const result = await verify(header, nowSeconds);
        if ('status' in result) return result;
        exp = result.exp;
        if (verified.size >= MAX_CACHED_TOKENS) verified.clear();
        verified.set(header, exp);
      }
      if (exp <= nowSeconds) return { status: 401, reason: 'JWT expired' };
      const key = parseAuthorization(header)?.key;
      if (opts.expectedPublicKey && key !== opts.expectedPublicKey) {
        return { status: 403, reason: 'k is not the VAPID key the subscription was made for' };
      }
      return null;
    },
  };
}

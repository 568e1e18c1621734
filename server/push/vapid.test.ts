import { importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createVapidSigner, generateVapidKeys } from './vapid';

const keys = generateVapidKeys();
const subject = 'mailto:ops@queuebell.test';
const HOUR = 3_600_000;

function parse(header: string): { token: string; key: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header);
  if (!match?.[1] || !match[2]) throw new Error(`not a VAPID header: ${header}`);
  return { token: match[1], key: match[2] };
}

async function verify(header: string, atMs: number) {
  const { token, key } = parse(header);
  const point = Buffer.from(key, 'base64url');
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
  };
  const { payload, protectedHeader } = await jwtVerify(token, await importJWK(jwk, 'ES256'), {
    currentDate: new Date(atMs),
  });
  return { payload, protectedHeader, key };
}

function clock(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('generateVapidKeys', () => {
  it('makes a base64url P-256 key pair', () => {
    expect(Buffer.from(keys.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(keys.privateKey, 'base64url')).toHaveLength(32);
  });
});

describe('createVapidSigner', () => {
  it('signs an ES256 JWT for the push service origin, valid for 12 hours', async () => {
    const time = clock(Date.UTC(2026, 10, 28, 9));
    const signer = createVapidSigner({ ...keys, subject, now: time.now });
    const header = signer.authorizationFor('https://push.example.net/wpush/v2/abc?x=1');
    const { payload, protectedHeader, key } = await verify(header, time.now());
    expect(protectedHeader).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(payload).toEqual({
      aud: 'https://push.example.net',
      exp: time.now() / 1000 + 12 * 3600,
      sub: subject,
    });
    expect(key).toBe(keys.publicKey);
  });

  it('signs once per origin and renews an hour before expiry', () => {
    const time = clock(Date.UTC(2026, 10, 28, 9));
    const signer = createVapidSigner({ ...keys, subject, now: time.now });
    const first = signer.authorizationFor('https://push.example.net');
    for (let i = 0; i < 100; i += 1) {
      expect(signer.authorizationFor(`https://push.example.net/endpoint/${i}`)).toBe(first);
    }
    const other = signer.authorizationFor('https://other.example.org');
    expect(parse(other).token).not.toBe(parse(first).token);

    time.advance(11 * HOUR - 1_000);
    expect(signer.authorizationFor('https://push.example.net')).toBe(first);
    time.advance(1_000);
    const renewed = signer.authorizationFor('https://push.example.net');
    expect(renewed).not.toBe(first);
    expect(signer.authorizationFor('https://push.example.net')).toBe(renewed);
  });

  it('keeps a non-default port in the audience', async () => {
    const signer = createVapidSigner({ ...keys, subject });
    const { payload } = await verify(signer.authorizationFor('https://127.0.0.1:9999/push/x'), Date.now());
    expect(payload.aud).toBe('https://127.0.0.1:9999');
  });

  it('refuses a key pair that does not match, or a subject that is not mailto:/https:', () => {
    const other = generateVapidKeys();
    expect(() =>
      createVapidSigner({ publicKey: other.publicKey, privateKey: keys.privateKey, subject }),
    ).toThrow(/does not match/);
    expect(() => createVapidSigner({ ...keys, subject: 'ops@queuebell.test' })).toThrow(/subject/);
    expect(() => createVapidSigner({ ...keys, privateKey: 'short', subject })).toThrow(/private key/);
  });
});

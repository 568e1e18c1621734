import { createECDH, randomBytes } from 'node:crypto';
import ece from 'http_ece';
import { describe, expect, it } from 'vitest';
import { encryptPushPayload, MAX_PUSH_PLAINTEXT_BYTES, PushPayloadError } from './encrypt';

// RFC 8291 Appendix A.
const RFC = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  body: 'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

function userAgent() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') };
  const decrypt = (body: Buffer) => ece.decrypt(body, { version: 'aes128gcm', privateKey: ecdh, authSecret });
  return { keys, decrypt };
}

describe('encryptPushPayload', () => {
  it('reproduces the RFC 8291 test vector byte for byte', () => {
    const senderKey = createECDH('prime256v1');
    senderKey.setPrivateKey(Buffer.from(RFC.asPrivate, 'base64url'));
    const body = encryptPushPayload(
      Buffer.from(RFC.plaintext),
      { p256dh: RFC.uaPublic, auth: RFC.auth },
      { salt: Buffer.from(RFC.salt, 'base64url'), senderKey },
    );
    expect(body.toString('base64url')).toBe(RFC.body);
  });

  it('is decrypted by http_ece, with a fresh salt and key each time', () => {
    const ua = userAgent();
    const plaintext = Buffer.from(JSON.stringify({ id: 'n1', title: 'Queue open' }));
    const first = encryptPushPayload(plaintext, ua.keys);
    const second = encryptPushPayload(plaintext, ua.keys);
    expect(ua.decrypt(first)).toEqual(plaintext);
    expect(ua.decrypt(second)).toEqual(plaintext);
    expect(first.subarray(0, 16)).not.toEqual(second.subarray(0, 16));
  });

  it('fits the largest allowed payload in the 4096 bytes push services must accept', () => {
    const ua = userAgent();
    const plaintext = randomBytes(MAX_PUSH_PLAINTEXT_BYTES);
    const body = encryptPushPayload(plaintext, ua.keys);
    expect(body.length).toBe(4096);
    expect(ua.decrypt(body)).toEqual(plaintext);
    expect(() => encryptPushPayload(randomBytes(MAX_PUSH_PLAINTEXT_BYTES + 1), ua.keys)).toThrow(
      PushPayloadError,
    );
  });

  it('refuses keys that are not a P-256 point and a 16-byte secret', () => {
    const { keys } = userAgent();
    const notOnCurve = Buffer.alloc(65, 7);
    notOnCurve[0] = 4;
    const bad = [
      { ...keys, p256dh: keys.p256dh.slice(0, 40) },
      { ...keys, p256dh: notOnCurve.toString('base64url') },
      { ...keys, auth: randomBytes(8).toString('base64url') },
    ];
    for (const badKeys of bad) {
      expect(() => encryptPushPayload(Buffer.from('{}'), badKeys)).toThrow(PushPayloadError);
    }
  });
});

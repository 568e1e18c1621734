import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  ACCEPT,
  REFUSE,
  USE_CHROMIUM_RESULT,
  createPinningVerifyProc,
  fingerprintOf,
  installCertificatePinning,
  parseFingerprint,
  pinFor,
} from './certificate-pin.js';
import type { Pin } from './certificate-pin.js';

// Two real certificates: the test CA and the server certificate it signed (tests/support/setup/tls.ts).
function testPem(name: 'ca.pem' | 'cert.pem'): string {
  const dir = process.env.QB_TEST_TLS_DIR;
  if (!dir) throw new Error('QB_TEST_TLS_DIR is not set: the unit project sets up the test TLS');
  return readFileSync(path.join(dir, name), 'utf8');
}
const serverPem = testPem('cert.pem');
const otherPem = testPem('ca.pem');
const serverFingerprint = fingerprintOf(serverPem) ?? '';

/** Runs the verify proc as Electron would, for one host and the certificate it presented. */
function verify(currentPin: () => Pin | null, hostname: string, pem: string): number {
  const callback = vi.fn<(result: number) => void>();
  createPinningVerifyProc(currentPin)({ hostname, certificate: { data: pem } as never }, callback);
  expect(callback).toHaveBeenCalledOnce();
  return callback.mock.calls[0]?.[0] ?? Number.NaN;
}

describe('certificate pinning', () => {
  it('reads fingerprints as openssl and browsers print them, and nothing else', () => {
    const colons = `${'0A:'.repeat(31)}0A`;
    expect(parseFingerprint('0a'.repeat(32))).toBe(colons);
    expect(parseFingerprint(`SHA256 Fingerprint=${colons}`)).toBe(colons);
    expect(parseFingerprint(`sha256 Fingerprint=${colons.toLowerCase()}`)).toBe(colons);
    expect(parseFingerprint('0A '.repeat(32))).toBe(colons);
    expect(parseFingerprint('0a'.repeat(20))).toBeNull(); // a SHA-1 fingerprint
    expect(parseFingerprint('0g'.repeat(32))).toBeNull();
    expect(parseFingerprint(42)).toBeNull();
    expect(serverFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(fingerprintOf('not a certificate')).toBeNull();
  });

  it('accepts the pinned certificate for the pinned host and refuses any other for it', () => {
    const pin = () => pinFor('https://queue.hospital.example:8443', serverFingerprint);
    expect(verify(pin, 'queue.hospital.example', serverPem)).toBe(ACCEPT);
    expect(verify(pin, 'QUEUE.hospital.example', serverPem)).toBe(ACCEPT);
    expect(verify(pin, 'queue.hospital.example', otherPem)).toBe(REFUSE);
  });

  it("leaves every other host, and every host without a pin, to Chromium's own verification", () => {
    const pin = () => pinFor('https://queue.hospital.example', serverFingerprint);
    expect(verify(pin, 'updates.hospital.example', otherPem)).toBe(USE_CHROMIUM_RESULT);
    expect(
      verify(() => pinFor('https://queue.hospital.example', null), 'queue.hospital.example', otherPem),
    ).toBe(USE_CHROMIUM_RESULT);
    expect(verify(() => pinFor(null, serverFingerprint), 'queue.hospital.example', otherPem)).toBe(
      USE_CHROMIUM_RESULT,
    );
  });

  it('reads the pin at each verification, so a changed setting applies without a new proc', () => {
    let fingerprint: string | null = null;
    const pin = () => pinFor('https://queue.hospital.example', fingerprint);
    expect(verify(pin, 'queue.hospital.example', otherPem)).toBe(USE_CHROMIUM_RESULT);
    fingerprint = serverFingerprint;
    expect(verify(pin, 'queue.hospital.example', otherPem)).toBe(REFUSE);
  });

  it('installs the proc on every session given and closes their pooled connections', async () => {
    const sessions = [0, 1].map(() => ({
      setCertificateVerifyProc: vi.fn(),
      closeAllConnections: vi.fn(async () => undefined),
    }));
    await installCertificatePinning(sessions as never, () => null);
    for (const target of sessions) {
      expect(target.setCertificateVerifyProc).toHaveBeenCalledWith(expect.any(Function));
      expect(target.closeAllConnections).toHaveBeenCalledOnce();
    }
  });
});

import { X509Certificate } from 'node:crypto';
import type { Request, Session } from 'electron';

/**
 * Optional pinning of the configured server's certificate, for a hospital that wants more than "some
 * CA the PC trusts signed it" (a PC with an inspecting proxy's CA installed trusts that proxy too).
 * The pin is the SHA-256 fingerprint of the server's own (leaf) certificate, as
 * `openssl x509 -noout -fingerprint -sha256 -in server.pem` prints it. It applies to that host alone:
 * every other host keeps Chromium's verification. Renewing the certificate means updating the pin.
 */

/** What Chromium's verifier decided stands (`-3`); `0` accepts; `-2` refuses (net::ERR_FAILED). */
export const USE_CHROMIUM_RESULT = -3;
export const ACCEPT = 0;
export const REFUSE = -2;

const FINGERPRINT_HEX = /^[0-9A-F]{64}$/;

/** `ab:cd…`, `AB CD…` or `abcd…` → `AB:CD:…`; null when it is not 32 bytes of hex. */
export function parseFingerprint(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 200) return null;
  const hex = input
    .trim()
    .replace(/^sha-?256\s*(?:fingerprint)?\s*=?\s*/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (!FINGERPRINT_HEX.test(hex)) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

/** The SHA-256 fingerprint of a PEM certificate, in parseFingerprint's form; null if it cannot be read. */
export function fingerprintOf(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256.toUpperCase();
  } catch {
    return null;
  }
}

export interface Pin {
  /** The configured server's host name (no port: certificates are per host). */
  host: string;
  fingerprint: string;
}

export type VerifyProc = (
  request: Pick<Request, 'hostname' | 'certificate'>,
  callback: (result: number) => void,
) => void;

/**
 * For the pinned host, the certificate it presents must be the pinned one, and then it is accepted
 * even if no CA on this PC vouches for it (the pin is a stronger statement than a CA's). Any other
 * certificate for that host is refused, however valid. The pin is read on every verification, so a
 * changed setting needs no new proc.
 */
export function createPinningVerifyProc(currentPin: () => Pin | null): VerifyProc {
  return (request, callback) => {
    const pin = currentPin();
    if (!pin || request.hostname.toLowerCase() !== pin.host) return callback(USE_CHROMIUM_RESULT);
    callback(fingerprintOf(request.certificate.data) === pin.fingerprint ? ACCEPT : REFUSE);
  };
}

/** The pin that applies for these settings: none without a server, or for a server without a pin. */
export function pinFor(serverUrl: string | null, certificatePin: string | null): Pin | null {
  if (!serverUrl || !certificatePin) return null;
  return { host: new URL(serverUrl).hostname.toLowerCase(), fingerprint: certificatePin };
}

/**
 * Installs the proc on every session that talks to the server (the console's and the kiosk's). Called
 * again when the pin changes: Electron drops its cached verifications when a proc is set, and pooled
 * connections are closed so that none verified under the old pin is reused.
 */
export async function installCertificatePinning(
  sessions: readonly Session[],
  currentPin: () => Pin | null,
): Promise<void> {
  const proc = createPinningVerifyProc(currentPin);
  for (const target of sessions) target.setCertificateVerifyProc(proc);
  await Promise.all(sessions.map((target) => target.closeAllConnections()));
}

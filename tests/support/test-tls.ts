import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestTlsPaths {
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

// Long enough for a slow CI run, short enough that a leaked CA is worthless.
const VALIDITY_DAYS = '7';

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Makes a throwaway CA and a server certificate for 127.0.0.1 and localhost signed by it, as PEM files
 * ca.pem, cert.pem and key.pem in `dir`. Test processes trust the CA through NODE_EXTRA_CA_CERTS, so the
 * code under test keeps Node's default certificate checks instead of a test-only `rejectUnauthorized`.
 */
export function createTestTls(dir: string): TestTlsPaths {
  const caCertPath = join(dir, 'ca.pem');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const caKeyPath = join(dir, 'ca-key.pem');
  const csrPath = join(dir, 'server.csr');
  const extPath = join(dir, 'server.ext');
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  // prettier-ignore
  openssl(
    [
      'req', '-x509', ...curve, '-keyout', caKeyPath, '-out', caCertPath, '-days', VALIDITY_DAYS,
      '-subj', '/CN=Queuebell test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(['req', '-new', ...curve, '-keyout', keyPath, '-out', csrPath, '-subj', '/CN=127.0.0.1'], dir);
  writeFileSync(
    extPath,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
    ].join('\n') + '\n',
  );
  // prettier-ignore
  openssl(
    [
      'x509', '-req', '-in', csrPath, '-CA', caCertPath, '-CAkey', caKeyPath, '-out', certPath,
      '-days', VALIDITY_DAYS, '-sha256', '-extfile', extPath,
      '-set_serial', `0x${randomBytes(8).toString('hex')}`,
    ],
    dir,
  );
  // Nothing else may be signed by this CA once the server certificate exists.
  for (const leftover of [caKeyPath, csrPath, extPath]) rmSync(leftover, { force: true });
  return { caCertPath, certPath, keyPath };
}

/** The server certificate made by createTestTls, from the directory the vitest global setup names. */
export function loadTestTls(): { cert: string; key: string } {
  const dir = process.env.QB_TEST_TLS_DIR;
  if (!dir) {
    throw new Error('QB_TEST_TLS_DIR is not set: the vitest global setup must call createTestTls() first');
  }
  return {
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestTls } from '../test-tls';
import { sharedSetup } from './shared';

/**
 * A throwaway certificate authority that every test worker trusts, for the HTTPS push receiver. Set up
 * here because Node reads NODE_EXTRA_CA_CERTS only at start, and the workers start after global setup.
 */
export default function setup(): Promise<() => Promise<void>> {
  return sharedSetup('tls', async () => {
    const tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queuebell-test-tls-'));
    const tls = createTestTls(tlsDir);
    process.env.QB_TEST_TLS_DIR = tlsDir;
    process.env.NODE_EXTRA_CA_CERTS = tls.caCertPath;
    return async () => fs.rmSync(tlsDir, { recursive: true, force: true });
  });
}

import { readFile, rm, writeFile } from 'node:fs/promises';
import { safeStorage } from 'electron';

/**
 * The session token, encrypted with the OS keychain through safeStorage.
 * Where no real keychain exists (Linux falling back to `basic_text`, whose key is a constant), the
 * token is kept in memory only: a nurse signs in again after a restart rather than leaving a bearer
 * token readable on disk.
 */
export interface TokenStore {
  save(token: string): Promise<void>;
  load(): Promise<string | null>;
  clear(): Promise<void>;
}

async function hasRealKeychain(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function createTokenStore(file: string): TokenStore {
  let memoryToken: string | null = null;

  async function writeEncrypted(token: string): Promise<void> {
    const encrypted = await safeStorage.encryptStringAsync(token);
    await writeFile(file, encrypted, { mode: 0o600 });
  }

  return {
    async save(token) {
      memoryToken = token;
      if (await hasRealKeychain()) await writeEncrypted(token);
    },

    async load() {
      if (memoryToken !== null) return memoryToken;
      if (!(await hasRealKeychain())) return null;
      let encrypted: Buffer;
      try {
        encrypted = await readFile(file);
      } catch {
        return null;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        // The keychain rotated its key: store the token again under the new one.
        if (shouldReEncrypt) await writeEncrypted(result);
        memoryToken = result;
        return result;
      } catch {
        // Encrypted under a key we no longer have (new OS profile, reset keychain): sign in again.
        await rm(file, { force: true });
        return null;
      }
    },

    async clear() {
      memoryToken = null;
      await rm(file, { force: true });
    },
  };
}

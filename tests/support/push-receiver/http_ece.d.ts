// http_ece ships no types; this covers the one call the test push receiver makes (RFC 8188/8291 decrypt).
// It is CommonJS, so it is typed as a default export, which is how Node's ESM loader exposes it.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  interface DecryptParams {
    version: 'aes128gcm';
    privateKey: ECDH;
    authSecret: Buffer | string;
  }

  const ece: { decrypt(buffer: Buffer, params: DecryptParams): Buffer };
  export default ece;
}

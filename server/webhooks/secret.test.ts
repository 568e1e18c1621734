import { describe, expect, it } from 'vitest';
import { createSecretBox, newWebhookSecret } from './secret';

describe('webhook secrets at rest', () => {
  it('seals with the server key so the stored text does not hold the secret, and opens it again', () => {
    const box = createSecretBox('a server key of at least sixteen characters');
    const secret = newWebhookSecret();
    const stored = box.seal(secret);
    expect(stored).toMatch(/^enc1:/);
    expect(stored).not.toContain(secret.slice(6));
    expect(box.open(stored)).toBe(secret);
    expect(() => createSecretBox('another key, of the same length').open(stored)).toThrow();
  });

  it('keeps it as given without a key, and says so', () => {
    const box = createSecretBox(undefined);
    expect(box.seal('whsec_abc')).toBe('plain:whsec_abc');
    expect(box.open('plain:whsec_abc')).toBe('whsec_abc');
    expect(() => box.open(createSecretBox('a server key of at least sixteen').seal('whsec_x'))).toThrow(
      'WEBHOOK_SECRET_KEY',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildResetEmail } from './account-mail';

describe('buildResetEmail', () => {
  it('writes the link to the reset page in the patient language, with nothing about their care', () => {
    const mail = buildResetEmail(
      { to: 'ana@example.org', locale: 'fr-CA', token: 'abc_DEF-123' },
      'https://queuebell.hospital.example/',
    );
    expect(mail.subject).toBe('Réinitialisez votre mot de passe Queuebell');
    expect(mail.from).toBe('Queuebell <no-reply@queuebell.hospital.example>');
    expect(String(mail.text)).toContain('https://queuebell.hospital.example/reset?token=abc_DEF-123');
    expect(String(mail.html)).toContain('<html lang="fr">');
  });

  it('falls back to English for a language the app does not speak', () => {
    const mail = buildResetEmail({ to: 'a@b.example', locale: 'de', token: 't' }, 'http://localhost:8000');
    expect(mail.subject).toBe('Reset your Queuebell password');
  });
});

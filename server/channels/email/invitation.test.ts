import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../util/locale';
import { buildInvitation } from './invitation';

const invitation = { to: 'new.nurse@hospital.example', name: 'Ana <b>Ruiz</b>', password: 'Xk7-pQ2-mZ9' };

describe('staff invitation email', () => {
  it('keeps the password and the name out of the subject in every language', () => {
    const subjects = LOCALES.map((locale) => {
      const mail = buildInvitation(
        { ...invitation, locale },
        'https://q.example/',
        'Queuebell <q@q.example>',
      );
      expect(mail.subject).not.toContain(invitation.password);
      expect(mail.subject).not.toContain('Ruiz');
      expect(mail.text).toContain(invitation.password);
      expect(mail.text).toContain('https://q.example/console/');
      return mail.subject;
    });
    expect(new Set(subjects).size).toBe(LOCALES.length);
  });

  it('escapes what it writes into the HTML part', () => {
    const mail = buildInvitation({ ...invitation, locale: 'en' }, 'https://q.example', 'q@q.example');
    expect(mail.html).toContain('Ana &lt;b&gt;Ruiz&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Ruiz');
  });
});

import type { Locale } from '../../util/locale';

/** What a staff invitation says, in each language (see invitation.ts). */
export interface InvitationWords {
  /** The same for everyone: no name, no password. */
  subject: string;
  lines(words: { name: string; email: string }): string[];
  consoleAt: string;
  password: string;
  keep: string;
}

export const INVITATION_WORDS: Record<Locale, InvitationWords> = {
  en: {
    subject: 'Your Queuebell staff account',
    lines: ({ name, email }) => [
      `Hello ${name},`,
      `An administrator has created a Queuebell console account for you. Sign in with your email, ${email}, and the one-time password below.`,
    ],
    consoleAt: 'The console',
    password: 'One-time password',
    keep: 'Keep this password to yourself and delete this email once you have signed in. If it is lost, an administrator can give you a new one.',
  },
  es: {
    subject: 'Su cuenta de personal de Queuebell',
    lines: ({ name, email }) => [
      `Hola, ${name}:`,
      `Un administrador ha creado para usted una cuenta de la consola Queuebell. Inicie sesión con su correo, ${email}, y la contraseña de un solo uso que figura abajo.`,
    ],
    consoleAt: 'La consola',
    password: 'Contraseña de un solo uso',
    keep: 'No comparta esta contraseña y borre este correo cuando haya iniciado sesión. Si la pierde, un administrador puede darle una nueva.',
  },
  fr: {
    subject: 'Votre compte du personnel Queuebell',
    lines: ({ name, email }) => [
      `Bonjour ${name},`,
      `Un administrateur vous a créé un compte sur la console Queuebell. Connectez-vous avec votre adresse, ${email}, et le mot de passe à usage unique ci-dessous.`,
    ],
    consoleAt: 'La console',
    password: 'Mot de passe à usage unique',
    keep: 'Gardez ce mot de passe pour vous et supprimez ce courriel une fois connecté. En cas de perte, un administrateur peut vous en donner un nouveau.',
  },
};

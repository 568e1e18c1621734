import type { Locale } from '../../util/locale';

/**
 * The words of a password-reset email, per language. Nothing about the patient's care: the subject is
 * seen in inbox lists and by mail servers, and the message only says how to set a new password.
 */
export interface ResetWords {
  subject: string;
  intro: string;
  action: string;
  expiry: string;
  ignore: string;
}

export const RESET_WORDS: Record<Locale, ResetWords> = {
  en: {
    subject: 'Reset your Queuebell password',
    intro: 'Someone asked to reset the password of your Queuebell account.',
    action: 'Choose a new password',
    expiry: 'This link works once, for 30 minutes.',
    ignore: 'If it was not you, ignore this email: your password stays as it is.',
  },
  es: {
    subject: 'Restablezca su contraseña de Queuebell',
    intro: 'Alguien ha pedido restablecer la contraseña de su cuenta de Queuebell.',
    action: 'Elegir una contraseña nueva',
    expiry: 'Este enlace funciona una sola vez, durante 30 minutos.',
    ignore: 'Si no fue usted, ignore este correo: su contraseña no cambia.',
  },
  fr: {
    subject: 'Réinitialisez votre mot de passe Queuebell',
    intro: 'Quelqu’un a demandé à réinitialiser le mot de passe de votre compte Queuebell.',
    action: 'Choisir un nouveau mot de passe',
    expiry: 'Ce lien fonctionne une seule fois, pendant 30 minutes.',
    ignore: 'Si ce n’était pas vous, ignorez cet e-mail : votre mot de passe reste le même.',
  },
};

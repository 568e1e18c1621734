import type { NotificationType } from '../../../shared/notifications';
import type { Locale } from '../../util/locale';

/**
 * Email subjects: one per notification type and language, the same for every patient and department.
 * A subject is shown in inbox lists, lock screens and mail-server logs, so it names no department,
 * patient, ticket or room; what the notification says is in the message body.
 */
export const SUBJECTS: Record<NotificationType, Record<Locale, string>> = {
  ticket_called: { en: 'It is your turn', es: 'Es su turno', fr: "C'est votre tour" },
  almost_your_turn: { en: 'Almost your turn', es: 'Casi es su turno', fr: 'Bientôt votre tour' },
  queue_opened: {
    en: 'A queue you follow has opened',
    es: 'Una cola que sigue ha abierto',
    fr: 'Une file que vous suivez est ouverte',
  },
  queue_closed: {
    en: 'A queue you follow has closed',
    es: 'Una cola que sigue ha cerrado',
    fr: 'Une file que vous suivez est fermée',
  },
  ticket_no_show: { en: 'We missed you', es: 'No le encontramos', fr: 'Nous vous avons manqué' },
  ticket_transferred: {
    en: 'Your ticket has moved',
    es: 'Su turno ha cambiado',
    fr: 'Votre ticket a changé',
  },
};

/** The words around a notification's own title and body. */
export interface FrameWords {
  openApp: string;
  why: string;
  stop: string;
}

export const FRAME_WORDS: Record<Locale, FrameWords> = {
  en: {
    openApp: 'Open Queuebell',
    why: 'You receive these emails because email notifications are on in your Queuebell settings.',
    stop: 'Stop these emails',
  },
  es: {
    openApp: 'Abrir Queuebell',
    why: 'Recibe estos correos porque las notificaciones por correo están activadas en sus ajustes de Queuebell.',
    stop: 'Dejar de recibir estos correos',
  },
  fr: {
    openApp: 'Ouvrir Queuebell',
    why: 'Vous recevez ces e-mails car les notifications par e-mail sont activées dans vos réglages Queuebell.',
    stop: 'Ne plus recevoir ces e-mails',
  },
};

import type { NotificationType } from '../../shared/notifications';
import type { PushSendOptions } from '../push/send';
import type { Locale } from '../util/locale';

/** A notification's words in each language the apps speak; English is the fallback. */
export interface Text {
  title: string;
  body: string;
}
export type Texts = Record<Locale, Text>;

/** Picks the patient's language (`es-MX` → `es`), falling back to English, in SQL over `u.locale`. */
export const localizedSql = (texts: string, field: 'title' | 'body', fallback: string) =>
  `coalesce(${texts} -> lower(split_part(u.locale, '-', 1)) ->> '${field}', ${fallback})`;

/** Words of each notification. Never a patient's name or anything clinical: pushes cross third parties. */
export function queueOpenedText(name: string): Texts {
  return {
    en: { title: `${name} is open`, body: `The ${name} queue is open. You can join it in the app.` },
    es: {
      title: `${name} está abierto`,
      body: `La cola de ${name} está abierta. Puede unirse desde la aplicación.`,
    },
    fr: {
      title: `${name} est ouvert`,
      body: `La file ${name} est ouverte. Vous pouvez la rejoindre dans l'application.`,
    },
  };
}

export function queueClosedText(name: string): Texts {
  return {
    en: {
      title: `${name} has closed`,
      body: `The ${name} queue is closed to new patients. If you hold a ticket, it stays valid.`,
    },
    es: {
      title: `${name} ha cerrado`,
      body: `La cola de ${name} no admite nuevos pacientes. Si tiene un turno, sigue siendo válido.`,
    },
    fr: {
      title: `${name} est fermé`,
      body: `La file ${name} n'accepte plus de nouveaux patients. Si vous avez un ticket, il reste valable.`,
    },
  };
}

export function ticketCalledText(number: string, room: string): Texts {
  return {
    en: { title: 'It is your turn', body: `Please go to room ${room} now. Your ticket: ${number}.` },
    es: { title: 'Es su turno', body: `Diríjase ahora a la sala ${room}. Su turno: ${number}.` },
    fr: {
      title: "C'est votre tour",
      body: `Rendez-vous maintenant en salle ${room}. Votre ticket : ${number}.`,
    },
  };
}

export function almostYourTurnText(name: string): Texts {
  return {
    en: { title: 'Almost your turn', body: `You will be called soon at ${name}. Please stay nearby.` },
    es: { title: 'Casi es su turno', body: `Pronto le llamarán en ${name}. Por favor, permanezca cerca.` },
    fr: {
      title: 'Bientôt votre tour',
      body: `Vous serez bientôt appelé(e) à ${name}. Merci de rester à proximité.`,
    },
  };
}

export function ticketNoShowText(number: string): Texts {
  return {
    en: {
      title: 'We missed you',
      body: `Ticket ${number} was called but we could not find you. Please speak to reception.`,
    },
    es: {
      title: 'No le encontramos',
      body: `Se llamó al turno ${number} pero no le encontramos. Por favor, hable con recepción.`,
    },
    fr: {
      title: 'Nous vous avons manqué',
      body: `Le ticket ${number} a été appelé mais nous ne vous avons pas trouvé. Merci de vous adresser à l'accueil.`,
    },
  };
}

/** "Go to LAB, number LAB-004": the department's code, as signs and the kiosk show it, and the new number. */
export function ticketTransferredText(department: string, number: string): Texts {
  return {
    en: { title: `Please go to ${department}`, body: `Go to ${department}, number ${number}.` },
    es: { title: `Vaya a ${department}`, body: `Vaya a ${department}, turno ${number}.` },
    fr: { title: `Rendez-vous à ${department}`, body: `Allez à ${department}, numéro ${number}.` },
  };
}

/**
 * How each type travels as a web push: a call is urgent and short-lived; queue-status pushes share a
 * topic per department so a newer one replaces an older one the phone has not fetched yet.
 */
export function pushOptionsFor(type: NotificationType, department: string | null): PushSendOptions {
  switch (type) {
    case 'ticket_called':
      return { ttlSeconds: 15 * 60, urgency: 'high' };
    case 'almost_your_turn':
    case 'ticket_transferred':
      return { ttlSeconds: 30 * 60, urgency: 'high' };
    case 'ticket_no_show':
      return { ttlSeconds: 4 * 60 * 60, urgency: 'normal' };
    case 'queue_opened':
    case 'queue_closed':
      return { ttlSeconds: 4 * 60 * 60, urgency: 'normal', topic: `queue-status-${department ?? 'all'}` };
  }
}

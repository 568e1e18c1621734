import type { Locale } from '../../util/locale';

/**
 * The words of a text message in one language. Only the ticket number and the room go in: never the
 * patient's name, the department or anything clinical, since a text crosses the carrier. Written in the
 * GSM-7 alphabet (see gsm7.ts): Spanish without á, í, ó, ú; French without ç, ê, ô, î.
 */
export interface SmsWords {
  /** A call, longest first: each shorter in its fixed words, never in the number or the room. */
  called(number: string, room: string | null): string[];
  /** "Almost your turn", longest first. */
  almost(number: string): string[];
  noShow(number: string): string;
  /** A transfer: the department to go to and the new number, longest first. */
  transferred(number: string, department: string): string[];
  opened: string;
  closed: string;
  /** When the notification lacks what its own wording needs. */
  generic: string;
}

const en: SmsWords = {
  called: (number, room) =>
    room === null
      ? [`Queuebell: your turn. Ticket ${number}, please come now.`, `Your turn: ${number}.`]
      : [
          `Queuebell: your turn. Ticket ${number}, go to room ${room} now.`,
          `Your turn: ${number}, room ${room}.`,
          `${number}: room ${room}`,
        ],
  almost: (number) => [
    `Queuebell: almost your turn. Ticket ${number}, please stay nearby.`,
    `Almost your turn: ${number}. Stay nearby.`,
    `${number}: stay nearby`,
  ],
  noShow: (number) =>
    `Queuebell: ticket ${number} was called and we could not find you. Please speak to reception.`,
  transferred: (number, department) => [
    `Queuebell: please go to ${department} now. Your new ticket: ${number}.`,
    `Go to ${department}, number ${number}.`,
  ],
  opened: 'Queuebell: a queue you follow is open. You can join it in the app.',
  closed: 'Queuebell: a queue you follow has closed. A ticket you hold stays valid.',
  generic: 'Queuebell: you have a new message. Please open the app.',
};

const es: SmsWords = {
  called: (number, room) =>
    room === null
      ? [`Queuebell: es su turno. Turno ${number}, acuda ahora.`, `Su turno: ${number}.`]
      : [
          `Queuebell: es su turno. Turno ${number}, vaya ahora a la sala ${room}.`,
          `Su turno: ${number}, sala ${room}.`,
          `${number}: sala ${room}`,
        ],
  almost: (number) => [
    `Queuebell: casi es su turno. Turno ${number}, por favor permanezca cerca.`,
    `Casi es su turno: ${number}. Quédese cerca.`,
    `${number}: quédese cerca`,
  ],
  noShow: (number) =>
    `Queuebell: llamamos al turno ${number} y no le encontramos. Por favor, hable con el personal.`,
  transferred: (number, department) => [
    `Queuebell: por favor, vaya ahora a ${department}. Su nuevo turno: ${number}.`,
    `Vaya a ${department}, turno ${number}.`,
  ],
  opened: 'Queuebell: una cola que sigue ya admite pacientes. Puede unirse desde la app.',
  closed: 'Queuebell: una cola que sigue ha cerrado. Si tiene un turno, lo conserva.',
  generic: 'Queuebell: tiene un mensaje nuevo. Abra la app, por favor.',
};

const fr: SmsWords = {
  called: (number, room) =>
    room === null
      ? [
          `Queuebell : c'est votre tour. Ticket ${number}, présentez-vous maintenant.`,
          `Votre tour : ${number}.`,
        ]
      : [
          `Queuebell : c'est votre tour. Ticket ${number}, rendez-vous en salle ${room} maintenant.`,
          `Votre tour : ${number}, salle ${room}.`,
          `${number} : salle ${room}`,
        ],
  almost: (number) => [
    `Queuebell : votre tour approche. Ticket ${number}, merci de rester à proximité.`,
    `Tour proche : ${number}. Restez à proximité.`,
    `${number} : restez proche`,
  ],
  noShow: (number) =>
    `Queuebell : le ticket ${number} a été appelé mais nous ne vous avons pas trouvé. Merci de vous adresser à l'accueil.`,
  transferred: (number, department) => [
    `Queuebell : merci d'aller maintenant à ${department}. Votre nouveau ticket : ${number}.`,
    `Allez à ${department}, numéro ${number}.`,
  ],
  opened: "Queuebell : une file que vous suivez est ouverte. Rejoignez-la dans l'application.",
  closed: 'Queuebell : une file que vous suivez est fermée. Si vous avez un ticket, il reste valable.',
  generic: "Queuebell : vous avez un nouveau message. Ouvrez l'application.",
};

export const SMS_WORDS: Record<Locale, SmsWords> = { en, es, fr };

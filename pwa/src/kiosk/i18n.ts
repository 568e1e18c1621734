/**
 * The display's words. Kept short: they are read from across a room, often by someone who reads the
 * local language poorly, so each label is paired with a second language (see useLanguages).
 */
export interface KioskStrings {
  waitingRoom: string;
  open: string;
  closed: string;
  nowServing: string;
  room: string;
  waiting: string;
  estimatedWait: string;
  noWait: string;
  minutes(count: number): string;
  /** The wait as a range drawn from recent service times: "about 10–20 min". */
  minutesRange(low: number, high: number): string;
  closes: string;
  lastCalls: string;
  nobodyCalled: string;
  scanToJoin: string;
  tapForSound: string;
  connectionLost(time: string): string;
  connecting: string;
  live: string;
  noDepartments: string;
  sound: { voice: string; chime: string; mute: string };
  /** What the speech synthesis says; `ticket` and `room` arrive already spelt out. */
  announce(ticket: string, room: string): string;
}

const en: KioskStrings = {
  waitingRoom: 'Waiting room',
  open: 'Open',
  closed: 'Closed',
  nowServing: 'Now serving',
  room: 'Room',
  waiting: 'Waiting',
  estimatedWait: 'Wait',
  noWait: 'No wait',
  minutes: (count) => `~${count} min`,
  minutesRange: (low, high) => `about ${low}–${high} min`,
  closes: 'Closes',
  lastCalls: 'Last calls',
  nobodyCalled: 'No one called yet',
  scanToJoin: 'Scan to join the queue',
  tapForSound: 'Tap to enable sound',
  connectionLost: (time) => `Connection lost — showing ${time}`,
  connecting: 'Connecting…',
  live: 'Live',
  noDepartments: 'No departments to show',
  sound: { voice: 'Voice', chime: 'Chime', mute: 'Mute' },
  announce: (ticket, room) => `Ticket ${ticket}, room ${room}`,
};

const es: KioskStrings = {
  waitingRoom: 'Sala de espera',
  open: 'Abierto',
  closed: 'Cerrado',
  nowServing: 'Atendiendo',
  room: 'Sala',
  waiting: 'En espera',
  estimatedWait: 'Espera',
  noWait: 'Sin espera',
  minutes: (count) => `~${count} min`,
  minutesRange: (low, high) => `unos ${low}–${high} min`,
  closes: 'Cierra',
  lastCalls: 'Últimos llamados',
  nobodyCalled: 'Nadie llamado aún',
  scanToJoin: 'Escanee para unirse a la fila',
  tapForSound: 'Toque para activar el sonido',
  connectionLost: (time) => `Sin conexión — datos de las ${time}`,
  connecting: 'Conectando…',
  live: 'En vivo',
  noDepartments: 'No hay departamentos',
  sound: { voice: 'Voz', chime: 'Timbre', mute: 'Silencio' },
  announce: (ticket, room) => `Turno ${ticket}, sala ${room}`,
};

const fr: KioskStrings = {
  waitingRoom: 'Salle d’attente',
  open: 'Ouvert',
  closed: 'Fermé',
  nowServing: 'Appelé',
  room: 'Salle',
  waiting: 'En attente',
  estimatedWait: 'Attente',
  noWait: 'Sans attente',
  minutes: (count) => `~${count} min`,
  minutesRange: (low, high) => `environ ${low}–${high} min`,
  closes: 'Fermeture',
  lastCalls: 'Derniers appels',
  nobodyCalled: 'Aucun appel',
  scanToJoin: 'Scannez pour rejoindre la file',
  tapForSound: 'Touchez pour activer le son',
  connectionLost: (time) => `Connexion perdue — données de ${time}`,
  connecting: 'Connexion…',
  live: 'En direct',
  noDepartments: 'Aucun service à afficher',
  sound: { voice: 'Voix', chime: 'Carillon', mute: 'Muet' },
  announce: (ticket, room) => `Ticket ${ticket}, salle ${room}`,
};

const pt: KioskStrings = {
  waitingRoom: 'Sala de espera',
  open: 'Aberto',
  closed: 'Fechado',
  nowServing: 'Atendendo',
  room: 'Sala',
  waiting: 'Aguardando',
  estimatedWait: 'Espera',
  noWait: 'Sem espera',
  minutes: (count) => `~${count} min`,
  minutesRange: (low, high) => `cerca de ${low}–${high} min`,
  closes: 'Fecha',
  lastCalls: 'Últimas chamadas',
  nobodyCalled: 'Ninguém chamado',
  scanToJoin: 'Leia para entrar na fila',
  tapForSound: 'Toque para ativar o som',
  connectionLost: (time) => `Sem conexão — dados das ${time}`,
  connecting: 'Conectando…',
  live: 'Ao vivo',
  noDepartments: 'Nenhum setor para mostrar',
  sound: { voice: 'Voz', chime: 'Sinal', mute: 'Mudo' },
  announce: (ticket, room) => `Senha ${ticket}, sala ${room}`,
};

const de: KioskStrings = {
  waitingRoom: 'Wartebereich',
  open: 'Offen',
  closed: 'Geschlossen',
  nowServing: 'Aufgerufen',
  room: 'Raum',
  waiting: 'Wartend',
  estimatedWait: 'Wartezeit',
  noWait: 'Keine Wartezeit',
  minutes: (count) => `~${count} Min.`,
  minutesRange: (low, high) => `etwa ${low}–${high} Min.`,
  closes: 'Schließt',
  lastCalls: 'Letzte Aufrufe',
  nobodyCalled: 'Noch kein Aufruf',
  scanToJoin: 'Scannen, um sich anzustellen',
  tapForSound: 'Tippen, um Ton einzuschalten',
  connectionLost: (time) => `Verbindung unterbrochen — Stand ${time}`,
  connecting: 'Verbinde…',
  live: 'Live',
  noDepartments: 'Keine Abteilungen',
  sound: { voice: 'Sprache', chime: 'Gong', mute: 'Stumm' },
  announce: (ticket, room) => `Nummer ${ticket}, Raum ${room}`,
};

export const STRINGS = { en, es, fr, pt, de } as const;
export type Language = keyof typeof STRINGS;

export function isSupportedLanguage(tag: string): tag is Language {
  return Object.hasOwn(STRINGS, tag);
}

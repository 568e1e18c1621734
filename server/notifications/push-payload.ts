import { CALL_REPLIES } from '../../shared/constants';
import type { CallReply } from '../../shared/constants';
import { PUSH_PAYLOAD_LIMIT_BYTES } from '../../shared/notifications';
import type { Notification, PushPayload } from '../../shared/notifications';
import { textLocale } from '../util/locale';
import type { Locale } from '../util/locale';

export interface PushPayloadInput {
  notification: Notification;
  /** The patient's locale (`users.locale`), which chose the language of the notification's words. */
  locale: string;
  /** The patient app's absolute address (PUBLIC_URL), with or without a trailing slash. */
  appUrl: string;
  receipt: string;
}

/**
 * The web push of one notification: the fields the service worker reads, and the same words again in
 * WebKit's declarative form, which Safari shows by itself where the worker does not run. Both carry the
 * notification's own texts, which never hold a patient's name or anything clinical.
 */
export function buildPushPayload(input: PushPayloadInput): PushPayload {
  const { notification } = input;
  const url = `/?notification=${notification.id}`;
  const payload: PushPayload = {
    web_push: 8030,
    notification: {
      title: notification.title,
      body: notification.body,
      navigate: `${input.appUrl.replace(/\/+$/, '')}${url}`,
      tag: String(notification.id),
      lang: textLocale(input.locale),
    },
    mutable: true,
    id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    department: notification.department,
    url,
    receipt: input.receipt,
    ...callActions(notification, input.locale),
  };
  return fitPushPayload(payload);
}

/** The words of a call's two push actions, in each language the apps speak. */
const REPLY_TITLES: Record<Locale, Record<CallReply, string>> = {
  en: { on_my_way: 'On my way', need_more_time: 'I need a few more minutes' },
  es: { on_my_way: 'Voy para allá', need_more_time: 'Necesito unos minutos más' },
  fr: { on_my_way: "J'arrive", need_more_time: "J'ai besoin de quelques minutes" },
};

/**
 * A call carries its ticket and the patient's two answers, which the service worker shows as buttons and
 * posts with the receipt; other notifications have none.
 */
function callActions(notification: Notification, locale: string): Pick<PushPayload, 'ticketId' | 'actions'> {
  const ticketId = notification.data['ticketId'];
  if (notification.type !== 'ticket_called' || typeof ticketId !== 'number') return {};
  const titles = REPLY_TITLES[textLocale(locale)];
  return { ticketId, actions: CALL_REPLIES.map((action) => ({ action, title: titles[action] })) };
}

/** The bytes the push sender encrypts: it serialises the payload with JSON.stringify, as here. */
export function pushPayloadBytes(payload: PushPayload): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}

/**
 * Keeps a payload under the contract's limit by shortening its words, the body first and then the title,
 * at a character boundary with an ellipsis: the JSON itself is never cut. The other fields are short and
 * bounded (ids, a 32-character receipt, a department code, the app's address), so the words are what can
 * grow, e.g. with a long department name.
 */
export function fitPushPayload(payload: PushPayload): PushPayload {
  const fits = (candidate: PushPayload) => pushPayloadBytes(candidate) < PUSH_PAYLOAD_LIMIT_BYTES;
  if (fits(payload)) return payload;
  const body = longestFitting(payload.body, (text) => fits(withWords(payload, payload.title, text)));
  const shorterBody = withWords(payload, payload.title, body);
  if (fits(shorterBody)) return shorterBody;
  const title = longestFitting(payload.title, (text) => fits(withWords(payload, text, body)));
  return withWords(payload, title, body);
}

/** The same words in both places, so the declarative notification and the worker's say the same. */
function withWords(payload: PushPayload, title: string, body: string): PushPayload {
  return { ...payload, title, body, notification: { ...payload.notification, title, body } };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * The longest start of `text` (whole graphemes, so no emoji or accented letter is split) that, with an
 * ellipsis, passes `fits`; the ellipsis alone when nothing does. Binary search: `fits` serialises.
 */
function longestFitting(text: string, fits: (candidate: string) => boolean): string {
  const parts = Array.from(graphemes.segment(text), (part) => part.segment);
  const cut = (count: number) => `${parts.slice(0, count).join('').trimEnd()}${ELLIPSIS}`;
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(cut(middle))) low = middle;
    else high = middle - 1;
  }
  return cut(low);
}

/**
 * The GSM 7-bit default alphabet (3GPP TS 23.038 §6.2.1, formerly GSM 03.38): a text written only in it
 * goes as one SMS of up to 160 septets. Any other character makes the whole text UCS-2, 70 per SMS.
 * Position 0x09 is the capital Ç: a lowercase ç is not in the alphabet, nor are á, í, ó, ú, ê, ô, î.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table (§6.2.1.1): each is sent as the escape septet and one more, so it counts two. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** One SMS: 160 septets in GSM-7, 70 UTF-16 units in UCS-2. */
export const GSM7_SINGLE_LIMIT = 160;
export const UCS2_SINGLE_LIMIT = 70;

/** Whether every character of `text` is in the GSM-7 alphabet or its extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (!BASIC_SET.has(char) && !EXTENSION_SET.has(char)) return false;
  }
  return true;
}

/**
 * The length a carrier counts: septets for a GSM-7 text (extension characters two each); for any other
 * text its UCS-2 length, in UTF-16 code units (an emoji counts two).
 */
export function smsLength(text: string): number {
  if (!isGsm7(text)) return text.length;
  let septets = 0;
  for (const char of text) septets += EXTENSION_SET.has(char) ? 2 : 1;
  return septets;
}

/** Whether `text` goes as one SMS, in whichever encoding its characters need. */
export function fitsOneSms(text: string): boolean {
  return smsLength(text) <= (isGsm7(text) ? GSM7_SINGLE_LIMIT : UCS2_SINGLE_LIMIT);
}

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { invalidPhone } from '../errors';

/**
 * A phone number as typed (`+34 612 34 56 78`, `(201) 555-0123`) in E.164 (`+34612345678`), the form
 * SMS gateways take. A number without a country code is read in `region`. The full metadata is used,
 * so a number must fit its country's numbering plan, not only have a plausible length.
 */
export function normalisePhone(typed: string, region: CountryCode): string {
  const parsed = parsePhoneNumberFromString(typed, region);
  if (!parsed?.isValid()) throw invalidPhone();
  return parsed.number;
}

import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { ApiError } from '../errors';
import { isBlockedAddress } from './address-rules';

/** Resolves a host name to every address it has (IPv4 and IPv6). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

const refused = (message: string) =>
  new ApiError(400, 'webhook_url_not_allowed', message, [{ path: 'body.url', message }]);

/** Origins as `new URL()` writes them (lower-case host, no default port), for an exact comparison. */
export function normaliseOrigins(origins: string[]): Set<string> {
  const normalised = new Set<string>();
  for (const origin of origins) {
    try {
      normalised.add(new URL(origin).origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return normalised;
}

/** The host of a URL as an address or a name: IPv6 literals lose their brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * The SSRF rule: a webhook URL is https and every address its host resolves to is public, unless its
 * origin is listed in WEBHOOK_ALLOWED_ORIGINS. Throws 400 `webhook_url_not_allowed` (or
 * `webhook_url_unresolvable`). Checked on create and change, and again before each delivery, whose
 * connection also resolves through `guardedLookup` so a name re-pointed in between is caught.
 */
export async function assertWebhookUrlAllowed(
  text: string,
  allowedOrigins: Set<string>,
  resolve: Resolver = systemResolver,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refused('must be an absolute https URL');
  }
  if (allowedOrigins.has(url.origin)) return;
  if (url.protocol !== 'https:') throw refused('must be an https URL');
  if (url.username || url.password) throw refused('must not carry a user name or password');
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host, resolve);
  const blocked = addresses.find(isBlockedAddress);
  if (blocked !== undefined) {
    const where = blocked === host ? host : `${host} resolves to ${blocked}`;
    throw refused(`must not point to a private, loopback or link-local address (${where})`);
  }
}

async function resolveAll(host: string, resolve: Resolver): Promise<string[]> {
  const unresolvable = new ApiError(400, 'webhook_url_unresolvable', `The host ${host} could not be found.`, [
    { path: 'body.url', message: 'names a host that does not resolve' },
  ]);
  try {
    const found = await resolve(host);
    if (found.length === 0) throw unresolvable;
    return found.map((entry) => entry.address);
  } catch {
    throw unresolvable;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for the delivery connection: resolves like the system does, and refuses a host any of
 * whose addresses is private, so the address connected to is the address checked (DNS rebinding).
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses;
    if (list.length === 0 || list.some((entry) => isBlockedAddress(entry.address))) {
      const blocked: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address`);
      blocked.code = 'EADDRBLOCKED';
      return callback(blocked, []);
    }
    if (options.all) return callback(null, list);
    const [first] = list as [LookupAddress];
    return callback(null, first.address, first.family);
  });
}

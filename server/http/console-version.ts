import type { FastifyInstance } from 'fastify';
import { CONSOLE_VERSION_HEADER } from '../../shared/constants';
import { ApiError } from '../errors';

/** `1.2.3` → [1, 2, 3]; null for anything else. */
export function parseVersion(value: string): [number, number, number] | null {
  const match = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:[-+][0-9A-Za-z.-]{1,64})?$/.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/** Whether `version` is older than `minimum` (both x.y.z; a pre-release counts as its release). */
export function isOlder(version: [number, number, number], minimum: [number, number, number]): boolean {
  for (let index = 0; index < 3; index++) {
    const difference = (version[index] ?? 0) - (minimum[index] ?? 0);
    if (difference !== 0) return difference < 0;
  }
  return false;
}

const outdated = (version: string, minimum: string) =>
  new ApiError(
    426,
    'console_outdated',
    `This console is version ${version.slice(0, 40)}; this server needs ${minimum} or later. ` +
      'Install the update your IT team provides, then start the console again.',
  );

/**
 * With CONSOLE_MIN_VERSION set, a desktop console older than it (it names its version in a header) gets
 * 426 on every API request, so a console with known flaws cannot work against this server. Browsers
 * (the patient app, the kiosk) send no such header and are not concerned.
 */
export function requireConsoleVersion(app: FastifyInstance, minimum: string | undefined): void {
  const floor = minimum === undefined ? null : parseVersion(minimum);
  if (!floor || minimum === undefined) return;
  app.addHook('onRequest', async (request) => {
    const header = request.headers[CONSOLE_VERSION_HEADER];
    if (typeof header !== 'string' || !request.url.startsWith('/api/')) return;
    const version = parseVersion(header);
    if (!version || isOlder(version, floor)) throw outdated(header, minimum);
  });
}

import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, contentTypeFor, resolveAppPath } from './policy.js';

/**
 * The console is served from app://queuebell/console/ rather than file://, so it gets a real origin
 * (for storage, CORS and the navigation checks) and file:// keeps no extra privileges (see the fuses).
 */

/** Must run before `ready`. `secure` makes the console a secure context; no CSP bypass, no service workers. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function serveAppRequest(
  distRoot: string,
  request: Request,
  contentSecurityPolicy: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const filePath = resolveAppPath(distRoot, request.url);
  if (!filePath) return notFound();

  let body: Buffer;
  try {
    body = await readFile(filePath);
  } catch {
    return notFound();
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypeFor(filePath),
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** After `ready`. The CSP is read per request so a changed server address applies on the next load. */
export function handleAppProtocol(distRoot: string, contentSecurityPolicy: () => string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(distRoot, request, contentSecurityPolicy()));
}

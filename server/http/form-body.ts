import { errorCodes } from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROUTES } from '../../shared/routes';
import type { RouteSpec } from '../../shared/routes';
import { validationFailed } from '../errors';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/**
 * HTML-form bodies, for the routes of the table marked `form` (RFC 8058's one-click unsubscribe, which
 * mail clients POST as a form): read as a plain object of strings for the route's zod schema, within the
 * app's body limit (64 KiB). Every other route refuses them as before, as a body that is not JSON.
 */
export function registerFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    URLENCODED,
    { parseAs: 'string' },
    async (request: FastifyRequest, body: string) => {
      checkTakesForm(request);
      return Object.fromEntries(new URLSearchParams(body));
    },
  );
  app.addContentTypeParser(
    MULTIPART,
    { parseAs: 'string' },
    async (request: FastifyRequest, body: string) => {
      checkTakesForm(request);
      return multipartFields(body, request.headers['content-type'] ?? '');
    },
  );
}

function checkTakesForm(request: FastifyRequest): void {
  const routes: Record<string, RouteSpec> = ROUTES;
  const spec = routes[`${request.method} ${request.routeOptions.url ?? ''}`];
  if (spec?.form !== true)
    throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers['content-type']);
}

/**
 * The text fields of a `multipart/form-data` body (RFC 7578): each part's `name` and content. A part
 * with a file name is kept as text too; the route's schema refuses any field it does not know.
 */
function multipartFields(body: string, contentType: string): Record<string, string> {
  const boundary = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  const delimiter = boundary?.[1] ?? boundary?.[2];
  if (!delimiter) throw unreadableForm();
  const fields: Array<[string, string]> = [];
  const parts = body.split(`--${delimiter}`);
  if (parts.length < 3 || !parts.at(-1)?.startsWith('--')) throw unreadableForm();
  for (const part of parts.slice(1, -1)) {
    const split = part.indexOf('\r\n\r\n');
    const name = /^content-disposition:\s*form-data;[^\r\n]*?\bname="([^"]*)"/im.exec(part.slice(0, split));
    if (split < 0 || !name?.[1]) throw unreadableForm();
    fields.push([name[1], part.slice(split + 4).replace(/\r\n$/, '')]);
  }
  return Object.fromEntries(fields);
}

const unreadableForm = () =>
  validationFailed([{ path: 'body', message: 'is not a readable multipart/form-data body' }]);

import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../../shared/api-keys';
import { ROUTE_KEYS, ROUTES, splitRouteKey } from '../../../shared/routes';
import type { RouteKey, RouteSpec, Who } from '../../../shared/routes';
import { ERROR_SCHEMA, errorResponse, errorStatusesOf } from './errors';
import { acceptsNoBody, jsonSchemaOf, parametersOf } from './schemas';
import type { Parameter } from './schemas';

/**
 * The OpenAPI 3.1 document of every `/api` route, made from the route table (shared/routes.ts) the server
 * registers and validates with: paths, parameters and bodies from its zod schemas (as JSON Schema 2020-12,
 * OpenAPI 3.1's own dialect), who may call each route and the API-key scope that opens it, the success
 * status and the contract's errors. Answers are typed in TypeScript only, so a success is described in
 * words (the route's summary), without a schema.
 */

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

const WHO: Record<Who, string> = {
  anyone: 'anyone, no token needed',
  'signed in': 'anyone signed in',
  patient: 'a patient',
  nurse: 'a nurse or an admin',
  admin: 'an admin',
  owner: 'the patient whose record it is',
};

/** The document's routes: the API's, not the older system's `/operations/…` nor pages or health checks. */
export function documentedRouteKeys(): RouteKey[] {
  return ROUTE_KEYS.filter((key) => splitRouteKey(key).path.startsWith('/api/'));
}

export function buildOpenApiDocument(version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const key of documentedRouteKeys()) {
    const { method, path } = splitRouteKey(key);
    const openApiPath = path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[openApiPath] = { ...paths[openApiPath], [method.toLowerCase()]: operationOf(key, ROUTES[key]) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Queuebell API',
      version,
      description:
        'Hospital queues and notifications. Errors are `{error: {code, message, details?}}`. ' +
        'Hospital systems call it with an API key (`Authorization: Bearer qb_…`), limited to its scopes; ' +
        'see docs/integration.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        session: {
          type: 'http',
          scheme: 'bearer',
          description: 'A session token from `POST /api/auth/login` (or register, or guest)',
        },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'qb_…',
          description:
            "An API key made by an admin (`POST /api/api-keys`); a route's required scope is listed with it",
        },
      },
    },
  };
}

function operationOf(key: RouteKey, spec: RouteSpec): Record<string, unknown> {
  const { method } = splitRouteKey(key);
  const status = spec.status ?? 200;
  const responses: Record<string, unknown> = { [String(status)]: successOf(spec, status) };
  for (const error of errorStatusesOf(key, spec)) responses[String(error)] = errorResponse(error);
  const parameters: Parameter[] = [
    ...parametersOf(spec.params, 'path'),
    ...parametersOf(spec.query, 'query'),
    ...(spec.idempotent ? [IDEMPOTENCY_HEADER] : []),
  ];
  return {
    operationId: operationIdOf(key),
    summary: spec.summary,
    description: descriptionOf(spec),
    tags: [tagOf(key)],
    'x-queuebell-who': spec.who,
    ...(spec.scope ? { 'x-queuebell-scope': spec.scope } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body && method !== 'GET' ? { requestBody: requestBodyOf(spec) } : {}),
    security: securityOf(spec),
    responses,
  };
}

const IDEMPOTENCY_HEADER: Parameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: MAX_IDEMPOTENCY_KEY_LENGTH },
  description:
    'A repeat within 24 hours with the same key and body answers the first answer again and acts once; ' +
    'the same key with another body is 422 `idempotency_key_reused`.',
};

function descriptionOf(spec: RouteSpec): string {
  const lines = [`Who: ${WHO[spec.who]}.`];
  if (spec.department) lines.push('A nurse must be assigned to the department it is about.');
  lines.push(
    spec.scope
      ? `API keys: with the \`${spec.scope}\` scope.`
      : spec.who === 'anyone'
        ? 'API keys: not needed.'
        : 'API keys: not allowed (403 `insufficient_scope`).',
  );
  if (spec.idempotent) lines.push('Honours `Idempotency-Key`.');
  return lines.join(' ');
}

function successOf(spec: RouteSpec, status: number): Record<string, unknown> {
  if (status === 204) return { description: `${spec.summary}: nothing in the answer` };
  return {
    description: spec.summary,
    content: { 'application/json': { schema: { description: 'See the contract (docs/API.md)' } } },
  };
}

function requestBodyOf(spec: RouteSpec): Record<string, unknown> {
  const body = spec.body;
  if (!body) return {};
  const content: Record<string, unknown> = { 'application/json': { schema: jsonSchemaOf(body) } };
  if (spec.form) {
    content['application/x-www-form-urlencoded'] = { schema: jsonSchemaOf(body) };
  }
  return { required: !acceptsNoBody(body), content };
}

/** Who may call, as OpenAPI security: none for anyone; a session; or an API key with the route's scope. */
function securityOf(spec: RouteSpec): Array<Record<string, string[]>> {
  if (spec.who === 'anyone') return [];
  const none: Record<string, string[]> = {};
  const session: Array<Record<string, string[]>> = spec.receipt ? [{ session: [] }, none] : [{ session: [] }];
  return spec.scope ? [...session, { apiKey: [spec.scope] }] : session;
}

/** `POST /api/queues/:department/open` → `postQueuesDepartmentOpen`. */
function operationIdOf(key: RouteKey): string {
  const { method, path } = splitRouteKey(key);
  const words = path
    .replace(/^\/api\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((word) => word[0]?.toUpperCase() + word.slice(1))].join('');
}

/** The first segment after `/api/`: `queues`, `tickets`, `api-keys`. */
function tagOf(key: RouteKey): string {
  return splitRouteKey(key).path.split('/')[2] ?? 'api';
}

import type { RouteSpec } from '../../../shared/routes';
import type { JsonSchema } from './schemas';

/** The contract's error shape: `{error: {code, message, details?}}`. */
export const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'A snake_case code, e.g. `validation_failed`' },
        message: { type: 'string', description: 'A sentence for people' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: '`validation_failed` (with `details`), or another code naming what is wrong in the request',
  401: '`unauthenticated`: no token, or one that has ended (a revoked API key)',
  403: '`forbidden` (the wrong role), `not_assigned` (a department not assigned to this nurse), `insufficient_scope` (an API key outside its scopes)',
  404: '`not_found`: no such record',
  409: 'A code naming the conflict (e.g. `queue_closed`, `invalid_transition`, `idempotency_in_progress`)',
  413: '`payload_too_large`: a body over 64 KiB',
  422: '`idempotency_key_reused`: this Idempotency-Key came with another request',
  429: '`rate_limited`, with `Retry-After`',
};

/** The refusals a route may answer, from what the table says about it. */
export function errorStatusesOf(key: string, spec: RouteSpec): number[] {
  const method = key.split(' ')[0] ?? 'GET';
  const changes = method !== 'GET';
  const statuses = new Set<number>();
  if (spec.params || spec.query || spec.body || spec.idempotent) statuses.add(400);
  if (spec.who !== 'anyone') statuses.add(401).add(403);
  if (spec.params) statuses.add(404);
  if (changes && (spec.who !== 'anyone' || spec.idempotent)) statuses.add(409);
  if (spec.body) statuses.add(413);
  if (spec.idempotent) statuses.add(422);
  if (/^POST \/api\/auth\//.test(key)) statuses.add(429);
  return [...statuses].sort();
}

export function errorResponse(status: number): Record<string, unknown> {
  return {
    description: DESCRIPTIONS[status] ?? 'An error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

import { z } from 'zod';

/**
 * API keys for hospital systems (a registration desk, a bed manager): `GET/POST /api/api-keys`,
 * `DELETE /api/api-keys/:id`. A key is sent as `Authorization: Bearer qb_…` and may call only the routes
 * whose `scope` (in the route table) is one of its scopes.
 */

/**
 * `read`: every GET a nurse may make; `queues`: open and close; `tickets`: join on a patient's behalf,
 * call, complete (and transfer); `appointments`: the appointment routes.
 */
export const API_KEY_SCOPES = ['read', 'queues', 'tickets', 'appointments'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The prefix of every key's secret, so that the server (and a secret scanner) tells a key from a session. */
export const API_KEY_PREFIX = 'qb_';

export const createApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1)
    .max(API_KEY_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

export interface ApiKey {
  id: number;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  /** The last request made with it, to the minute (null: never used). */
  lastUsedAt: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** `qb_…`: shown once, stored only hashed. */
  secret: string;
}

/** `Idempotency-Key`: any string of 1 to 255 characters (a UUID is a good choice). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The body of `POST /api/queues/:department/tickets`: none from a patient (they join themselves);
 * `{patientId}` from an API key with the `tickets` scope, joining that patient (a registration desk).
 */
export const joinQueueBody = z
  .strictObject({ patientId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
  .optional();

import { z } from 'zod';
import { validationFailed } from '../errors';

/**
 * A record's id in a path: digits only. `z.coerce.number()` also took " 1", "1e0" and "0x1" as id 1,
 * so a mistyped or crafted address acted on a record its text did not name.
 */
export const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive whole number')
    .transform(Number)
    .refine(Number.isSafeInteger, 'is too large'),
});

/** Routes that take no body refuse one (400) as the contract says of unknown fields, rather than ignore it. */
export function expectNoBody(body: unknown): void {
  parse(z.strictObject({}).optional(), body);
}

/** Parses client input against a shared schema; a failure becomes 400 with one detail per problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: describe(issue),
  }));
  throw validationFailed(details);
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}

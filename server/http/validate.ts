import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { validationFailed } from '../errors';

type Where = 'body' | 'params' | 'query';

/** Where a problem is, as the contract's details name it: `body.endTime`, `params.id`, `query.limit`. */
const WHERE_OF_PART: Record<string, Where> = { body: 'body', params: 'params', querystring: 'query' };

/** Parses client input against a shared schema; a failure becomes 400 with one detail per problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: describe(issue),
  }));
  throw validationFailed(details);
}

/**
 * Fastify's validator for the route table's zod schemas: the same parse, so a route's 400 names each
 * problem as the contract says. The error it returns is answered by the error handler as it is.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const where = WHERE_OF_PART[httpPart ?? 'body'] ?? 'body';
  return (value) => {
    try {
      return { value: parse(schema, value, where) };
    } catch (error) {
      return { error: error instanceof Error ? error : new Error(String(error)) };
    }
  };
};

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}

import { z } from 'zod';

/** A JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), as z.toJSONSchema writes it. */
export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema of the route table as JSON Schema, as a client must send it (`io: 'input'`: before
 * transforms and defaults). Parts JSON Schema cannot say (a transform's output) are left open rather than
 * refused; the server's own validation stays the reference.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** Whether a body schema lets the body be left out (`noBody`, open's optional body). */
export function acceptsNoBody(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

/** The properties of a params or query object schema, one OpenAPI parameter each. */
export function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Parameter[] {
  if (!schema) return [];
  const json = jsonSchemaOf(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

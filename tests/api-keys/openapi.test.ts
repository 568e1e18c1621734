import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate, compileErrors } from '@readme/openapi-parser';
import { api, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { listApiRoutes, listRoutes } from '../support/routes';

/**
 * `GET /api/openapi.json` (issue 21): a valid OpenAPI 3.1 document of exactly the `/api` routes the server
 * serves, made from the route table: parameters, bodies, who may call, scopes, success and errors.
 */

interface Operation {
  summary: string;
  description: string;
  parameters?: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>;
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  security: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

let server: TestServer;
let document: Document;

beforeAll(async () => {
  server = await startTestServer();
  const answer = await api<Document>(server, 'GET', '/api/openapi.json');
  expect(answer.status).toBe(200);
  document = answer.body;
});
afterAll(async () => {
  await server.stop();
});

const operation = (method: string, path: string): Operation | undefined => document.paths[path]?.[method];

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    // The parser takes its argument apart; it gets a copy.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('lists every /api route the server serves, and nothing else', () => {
    const served = listApiRoutes(server.http)
      .filter((route) => route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(served);
    expect(served).toContain('POST /api/api-keys');
    expect(served).toContain('GET /api/openapi.json');
    // The reference page is served, as a page rather than an API route.
    expect(listRoutes(server.http).some((route) => route.path === '/api/docs')).toBe(true);
  });

  it("describes a route's parameters, body, success, errors, who and scope from the route table", () => {
    const open = operation('post', '/api/queues/{department}/open');
    expect(open?.summary).toBe('Open a queue and notify the patients who follow it');
    expect(open?.parameters).toContainEqual(expect.objectContaining({ name: 'department', in: 'path' }));
    expect(open?.requestBody?.required).toBe(false);
    expect(open?.requestBody?.content['application/json']?.schema).toMatchObject({
      type: 'object',
      properties: { manualOverride: { type: 'boolean' } },
    });
    expect(Object.keys(open?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(open?.security).toEqual([{ session: [] }, { apiKey: ['queues'] }]);
    expect(open?.description).toContain('`queues` scope');

    const created = operation('post', '/api/api-keys');
    expect(Object.keys(created?.responses ?? {})).toEqual(expect.arrayContaining(['201', '422']));
    expect(created?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
    expect(created?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['name', 'scopes'],
      additionalProperties: false,
    });
    expect(created?.security).toEqual([{ session: [] }]);

    const log = operation('get', '/api/admin/log');
    expect(log?.parameters?.map((parameter) => [parameter.name, parameter.in])).toEqual([
      ['limit', 'query'],
      ['before', 'query'],
    ]);
    expect(operation('get', '/api/queues')?.security).toEqual([]);
  });
});

import { buildOpenApiDocument } from '../openapi/document';
import type { OpenApiDocument } from '../openapi/document';
import type { RouteHandlers } from '../route-table';

/** The version of the API the document describes (not of the server build): raised when the contract changes. */
const API_VERSION = '1.0.0';

/** `GET /api/openapi.json`: built once, on its first request, from the route table. */
export function openApiHandlers(): RouteHandlers<'GET /api/openapi.json'> {
  let document: OpenApiDocument | undefined;
  return {
    'GET /api/openapi.json': async () => {
      document ??= buildOpenApiDocument(API_VERSION);
      return document;
    },
  };
}

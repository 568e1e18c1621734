import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import scalarApiReference from '@scalar/fastify-api-reference';

/** Where the interactive reference is served, and the document it reads. */
export const DOCS_PATH = '/api/docs';
const DOCUMENT_URL = '/api/openapi.json';

/**
 * The interactive API reference (Scalar) at /api/docs, reading /api/openapi.json. Everything it needs
 * comes from this server (its script at /api/docs/js/scalar.js; no CDN, no web fonts, no proxy): a
 * hospital network has no internet. Its one inline script, which starts it, is allowed by its hash in
 * the page's Content-Security-Policy; the rest of helmet's policy stays as it is.
 */
export async function registerDocsPage(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (typeof payload !== 'string' || !String(reply.getHeader('content-type')).startsWith('text/html'))
        return payload;
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy === 'string')
        reply.header('content-security-policy', allowInlineScripts(policy, payload));
      return payload;
    });
    await scope.register(scalarApiReference, {
      routePrefix: DOCS_PATH,
      logLevel: 'warn',
      configuration: {
        url: DOCUMENT_URL,
        pageTitle: 'Queuebell API reference',
        withDefaultFonts: false,
        hideClientButton: true,
        telemetry: false,
        // Its "Ask AI" agent talks to api.scalar.com (and starts itself on localhost): off.
        agent: { disabled: true },
        // Its MCP generator and developer toolbar are Scalar's hosted services: off as well.
        mcp: { disabled: true },
        showDeveloperTools: 'never',
      },
    });
  });
}

/** helmet's policy with the page's inline scripts allowed by their SHA-256, and nothing else added. */
function allowInlineScripts(policy: string, html: string): string {
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) =>
      `'sha256-${crypto
        .createHash('sha256')
        .update(body ?? '')
        .digest('base64')}'`,
  );
  if (hashes.length === 0) return policy;
  const directives = policy.split(';').map((directive) => directive.trim());
  const index = directives.findIndex((directive) => directive.startsWith('script-src '));
  if (index === -1) return [...directives, `script-src 'self' ${hashes.join(' ')}`].join(';');
  directives[index] = `${directives[index]} ${hashes.join(' ')}`;
  return directives.join(';');
}

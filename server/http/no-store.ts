import type { FastifyInstance } from 'fastify';

/**
 * API answers can hold a patient's name, email or phone: none may land in a browser's disk cache or a
 * proxy's. Every /api answer says `Cache-Control: no-store` unless its route chose otherwise.
 */
export function forbidCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
  });
}

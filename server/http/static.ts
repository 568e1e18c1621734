import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PWA_DIST = path.join(root, 'pwa/dist');
export const CONSOLE_DIST = path.join(root, 'electron/renderer/dist');

/**
 * The patient app at `/`, the kiosk at `/kiosk` and the nurse console at `/console/`, when built.
 * Unknown paths under an app fall back to its index.html so client-side routes survive a reload.
 */
export async function registerStatic(app: FastifyInstance): Promise<void> {
  if (fs.existsSync(PWA_DIST)) {
    await app.register(fastifyStatic, {
      root: PWA_DIST,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
    app.get('/kiosk', (_request, reply) => reply.sendFile('kiosk.html', PWA_DIST));
    // The emailed password-reset link: the patient app reads its token.
    app.get('/reset', (_request, reply) => reply.sendFile('index.html', PWA_DIST));
    // The kiosk's code opens the patient app here: it joins that department (see pwa/src/patient/session.ts).
    app.get('/join/:department', (_request, reply) => reply.sendFile('index.html', PWA_DIST));
  }
  if (fs.existsSync(CONSOLE_DIST)) {
    await app.register(fastifyStatic, {
      root: CONSOLE_DIST,
      prefix: '/console/',
      decorateReply: false,
      wildcard: false,
      index: ['index.html'],
    });
  }
}

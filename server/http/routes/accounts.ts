import type { FastifyInstance } from 'fastify';
import { loginBody, preferencesBody, registerBody } from '../../../shared/schemas';
import { Department } from '../../db/models/index';
import type { AppContext } from '../../context';
import { login } from '../../accounts/login';
import { preferencesOf } from '../../accounts/preferences';
import { register } from '../../commands/register';
import { savePreferences } from '../../commands/save-preferences';
import { revokeSession } from '../../accounts/tokens';
import { currentUser, patientOnly, signedIn } from '../auth';
import { validationFailed } from '../../errors';
import { presentUser } from '../presenters';
import { expectNoBody, parse } from '../validate';

export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/auth/register', async (request, reply) => {
    const body = parse(registerBody, request.body);
    const { token, user } = await register(body);
    return reply.code(201).send({ token, user: presentUser(user) });
  });

  app.post('/api/auth/login', async (request) => {
    const body = parse(loginBody, request.body);
    const { token, user } = await login(ctx.sequelize, body, request.ip);
    return { token, user: presentUser(user) };
  });

  app.post('/api/auth/logout', { preHandler: signedIn }, async (request, reply) => {
    expectNoBody(request.body);
    if (request.auth) await revokeSession(request.auth.sessionId);
    return reply.code(204).send();
  });

  app.get('/api/me', { preHandler: signedIn }, async (request) => ({
    user: presentUser(currentUser(request)),
  }));

  app.get('/api/me/preferences', { preHandler: patientOnly }, async (request) =>
    preferencesOf(currentUser(request)),
  );

  app.put('/api/me/preferences', { preHandler: patientOnly }, async (request) => {
    const body = parse(preferencesBody, request.body);
    if (body.departments !== 'all') {
      const known = new Set((await Department.findAll({ attributes: ['code'] })).map((d) => d.code));
      const unknown = body.departments.filter((code) => !known.has(code));
      if (unknown.length > 0) {
        throw validationFailed(
          unknown.map((code) => ({ path: 'body.departments', message: `unknown department ${code}` })),
        );
      }
    }
    return savePreferences(currentUser(request), body);
  });
}

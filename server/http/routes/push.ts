import type { FastifyInstance } from 'fastify';
import { pushSubscriptionBody, pushUnsubscribeBody } from '../../../shared/notifications';
import type { AppContext } from '../../context';
import { checkEndpoint, checkKeys, deleteSubscription, saveSubscription } from '../../push/subscriptions';
import { currentUser, signedIn } from '../auth';
import { parse } from '../validate';

export function pushRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/push/vapid-public-key', async () => ({ publicKey: ctx.vapid.publicKey }));

  app.post('/api/push/subscriptions', { preHandler: signedIn }, async (request, reply) => {
    const body = parse(pushSubscriptionBody, request.body);
    checkEndpoint(body.endpoint, ctx.config.pushAllowedOrigins);
    checkKeys(body.keys);
    await saveSubscription(ctx.sequelize, currentUser(request).id, body);
    return reply.code(201).send({ endpoint: body.endpoint });
  });

  app.delete('/api/push/subscriptions', { preHandler: signedIn }, async (request, reply) => {
    const body = parse(pushUnsubscribeBody, request.body);
    await deleteSubscription(ctx.sequelize, currentUser(request).id, body.endpoint);
    return reply.code(204).send();
  });
}

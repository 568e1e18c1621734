import type { DeliveryDeps } from '../../server/notifications/deliver';
import type { PushSender } from '../../server/push/send';
import type { TestServer } from './server';

/**
 * What a delivery pass needs, on a test server and with no sockets connected: for tests that claim and
 * deliver batches by hand to decide what happens between a send and its record.
 */
export function handDeliveryDeps(
  server: TestServer,
  push: PushSender,
  overrides: Partial<DeliveryDeps> = {},
): DeliveryDeps {
  return {
    sequelize: server.ctx.sequelize,
    push,
    receipts: server.ctx.receipts,
    appUrl: () => server.url,
    connectedUsers: async () => new Set<number>(),
    emitToUser: () => undefined,
    concurrency: 4,
    leaseSeconds: 60,
    ...overrides,
  };
}

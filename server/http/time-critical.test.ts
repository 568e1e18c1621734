import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '../../shared/routes';
import { TIME_CRITICAL_ROUTES, timeCriticalHooks } from './time-critical';

/** An outbox that counts the time-critical work it was told of and not yet told the end of. */
function countingOutbox() {
  let inFlight = 0;
  let begun = 0;
  return {
    inFlight: () => inFlight,
    begun: () => begun,
    timeCritical: () => {
      inFlight++;
      begun++;
      let ended = false;
      return () => {
        if (!ended) inFlight--;
        ended = true;
      };
    },
  };
}

describe('time-critical routes', () => {
  it('hold the fan-out back from the request to its answer, failed answers too', async () => {
    const outbox = countingOutbox();
    const app = Fastify();
    let duringHandler = -1;
    app.post('/call', { ...timeCriticalHooks(outbox) }, async () => {
      duringHandler = outbox.inFlight();
      return { ok: true };
    });
    app.post('/fails', { ...timeCriticalHooks(outbox) }, async () => {
      throw new Error('queue_empty');
    });
    expect((await app.inject({ method: 'POST', url: '/call' })).statusCode).toBe(200);
    expect(duringHandler).toBe(1);
    expect(outbox.inFlight()).toBe(0);
    expect((await app.inject({ method: 'POST', url: '/fails' })).statusCode).toBe(500);
    expect(outbox.begun()).toBe(2);
    expect(outbox.inFlight()).toBe(0);
    await app.close();
  });

  it('are routes of the table: the nurse steps on a ticket', () => {
    for (const key of TIME_CRITICAL_ROUTES) expect(ROUTE_KEYS).toContain(key);
    expect(TIME_CRITICAL_ROUTES.has('POST /api/queues/:department/call-next')).toBe(true);
    expect(TIME_CRITICAL_ROUTES.has('POST /api/tickets/:id/recall')).toBe(true);
    expect(TIME_CRITICAL_ROUTES.has('POST /api/tickets/:id/transfer')).toBe(true);
  });
});

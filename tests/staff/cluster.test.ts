import { expect, it } from 'vitest';
import { createTestDatabase } from '../support/db';
import { connectSocket } from '../support/engine';
import { api, signedInUser, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import { drained, recordInto } from '../support/staff';
import type { Heard } from '../support/staff';

/**
 * Two server processes joined by Socket.IO's PostgreSQL adapter (in this test process, for speed): an
 * admin's change made through one reaches a nurse's socket held by the other, at once.
 */

/** Until each process counts both (the adapter's heartbeats). */
async function clusterFormed(servers: TestServer[]): Promise<void> {
  for (const server of servers) {
    await expect.poll(() => serverCount(server), { timeout: 20_000 }).toBe(2);
  }
}

async function serverCount(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('queuebell_cluster_processes '));
  return Number(line?.split(' ')[1]);
}

it("moves and then cuts a nurse's socket on another process", async () => {
  const db = await createTestDatabase();
  const env = { SOCKET_ADAPTER: 'postgres' };
  const one = await startTestServerOn(db, env);
  const two = await startTestServerOn(db, env);
  try {
    await clusterFormed([one, two]);
    const admin = await signedInUser(one, 'admin');
    const nurse = await signedInUser(one, 'nurse', { departments: ['LAB'] });
    const heard: Heard[] = [];
    const socket = await connectSocket(two, nurse.token, recordInto(heard));
    const opdEvent = { ticketId: 1, department: 'OPD', number: 'OPD-001', waitingMinutes: 50 };

    // Emitted on one, the event reaches two's sockets through the adapter: not this one, of LAB.
    one.ctx.realtime.ticketLongWait({ ...opdEvent, department: 'LAB' });
    await expect.poll(() => heard.length).toBe(1);
    one.ctx.realtime.ticketLongWait(opdEvent);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await drained(socket);
    expect(heard.map((item) => item.event)).toEqual(['ticket:long_wait']);

    const moved = await api(one, 'PATCH', `/api/staff/${nurse.id}`, {
      token: admin.token,
      body: { departments: ['LAB', 'OPD'] },
    });
    expect(moved.status).toBe(200);
    // The move reaches the other process through the adapter, as the events do (not necessarily before
    // one emitted at the same moment): OPD's events reach the socket from then on, without a reconnect.
    await expect
      .poll(async () => {
        one.ctx.realtime.ticketLongWait(opdEvent);
        await drained(socket);
        return heard.some((item) => JSON.stringify(item.args).includes('OPD'));
      })
      .toBe(true);

    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await api(one, 'PATCH', `/api/staff/${nurse.id}`, { token: admin.token, body: { disabled: true } });
    expect(await cut).toBe('io server disconnect');
  } finally {
    await two.close();
    await one.stop();
  }
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueryTypes } from 'sequelize';
import { expandNextBatch } from '../../server/notifications/expand';
import { createPatients } from '../support/engine';
import { api, signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // The test records the fan-out itself, statement by statement.
  await server.outbox.stop();
});
afterAll(async () => {
  await server.stop();
});

/**
 * A batch is recorded in several statements, and between two of them the expansion gives way to a call
 * in flight: a statement already running cannot. The rows come out the same, each patient's once.
 */
it('gives way between the statements of a batch, and records each patient once', async () => {
  const nurse = await signedInUser(server, 'nurse');
  const patients = await createPatients(server, null, 7, { departments: ['LAB'] });
  expect((await api(server, 'POST', '/api/queues/LAB/open', { token: nurse.token })).status).toBe(200);

  let gaveWay = 0;
  const giveWay = async () => {
    gaveWay++;
  };
  const first = await expandNextBatch(server.ctx.sequelize, { batch: 5, statementRows: 2, giveWay });
  // 5 rows in statements of 2, 2 and 1: two pauses between them.
  expect(first).toMatchObject({ kind: 'expanded', covered: 5 });
  expect(gaveWay).toBe(2);
  const second = await expandNextBatch(server.ctx.sequelize, { batch: 5, statementRows: 2, giveWay });
  expect(second.kind === 'expanded' && second.covered).toBeGreaterThanOrEqual(2);
  while ((await expandNextBatch(server.ctx.sequelize, { statementRows: 2, giveWay })).kind === 'expanded');

  const rows = await server.ctx.sequelize.query<{ user_id: number; count: number }>(
    `SELECT n.user_id, count(*)::int AS count FROM notifications n JOIN departments d ON d.id = n.department_id
      WHERE n.type = 'queue_opened' AND d.code = 'LAB' GROUP BY n.user_id`,
    { type: QueryTypes.SELECT },
  );
  const recorded = new Map(rows.map((row) => [Number(row.user_id), row.count]));
  for (const patient of patients) expect(recorded.get(patient.id)).toBe(1);
  expect([...recorded.values()].every((count) => count === 1)).toBe(true);
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { artifactPath, launchBrowser } from '../support/browser';
import { createPatients } from '../support/engine';
import { api, signedInUser, startTestServer, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import {
  callNext,
  enableSound,
  finishUtterance,
  join,
  openKiosk,
  openQueue,
  servingRow,
  speechLog,
  waitForSpoken,
} from './support/kiosk-page';

let browser: Browser;
const servers: TestServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const server of servers.slice(0, -1)) await server.close();
  await servers.at(-1)?.stop();
});

it('marks the board as stale while the server is away, then reloads the current state', async () => {
  const first = await startTestServer({ SEED_DEMO: 'true' });
  servers.push(first);
  const nurse = (await signedInUser(first, 'nurse')).token;
  await openQueue(first, nurse, 'OPD');
  const [alice, bob, carol] = await createPatients(first, null, 3);
  if (!alice || !bob || !carol) throw new Error('three patients expected');
  const aliceTicket = await join(first, alice.token, 'OPD');
  const bobTicket = await join(first, bob.token, 'OPD');
  await callNext(first, nurse, 'OPD', '1');

  const kiosk = await openKiosk(browser, first, { query: 'departments=OPD' });
  const { page } = kiosk;
  await enableSound(page);
  await servingRow(page, aliceTicket.number).waitFor();
  const marker = page.getByTestId('connection-lost');
  expect(await marker.count()).toBe(0);

  // The server goes away: the board keeps its data and says which moment it shows.
  await first.close();
  await page.locator('.kiosk[data-live="false"]').waitFor();
  await marker.waitFor();
  expect(await marker.textContent()).toMatch(/^Connection lost — showing \d\d:\d\d$/);
  expect(await servingRow(page, aliceTicket.number).count()).toBe(1);
  await page.screenshot({ path: artifactPath('kiosk-connection-lost.png') });

  // While the display is cut off, the day goes on (here through a server on another port).
  const elsewhere = await startTestServerOn(first.db, { SEED_DEMO: 'true' });
  servers.push(elsewhere);
  await callNext(elsewhere, nurse, 'OPD', '5');
  expect((await api(elsewhere, 'POST', '/api/queues/OPD/close', { token: nurse, body: {} })).status).toBe(
    200,
  );
  await elsewhere.close();

  // Back on the display's origin: it reconnects, reloads everything, and the marker clears.
  const restarted = await startTestServerOn(first.db, { SEED_DEMO: 'true', PORT: String(first.port) });
  servers.push(restarted);
  await page.locator('.kiosk[data-live="true"]').waitFor({ timeout: 20_000 });
  await marker.waitFor({ state: 'detached' });
  await page.locator('[data-department="OPD"].is-closed').waitFor();
  const missed = servingRow(page, bobTicket.number);
  expect(await missed.textContent()).toMatch(/Room\s*5/);
  // A call the display missed is shown, not announced nor highlighted: it is not news any more.
  expect(await missed.getAttribute('data-highlight')).toBe('false');
  expect((await speechLog(page)).spoken).toEqual([]);

  // And it is subscribed again: the next call arrives live.
  await openQueue(restarted, nurse, 'OPD');
  const carolTicket = await join(restarted, carol.token, 'OPD');
  await callNext(restarted, nurse, 'OPD', '2');
  await servingRow(page, carolTicket.number).and(page.locator('[data-highlight="true"]')).waitFor();
  await waitForSpoken(page, 1);
  await finishUtterance(page);
  expect((await speechLog(page)).spoken.map((utterance) => utterance.text)).toEqual([
    `Ticket O P D 0 0 3, room 2`,
  ]);
  await kiosk.close();
}, 60_000);

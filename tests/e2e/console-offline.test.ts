import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import { createPatients } from '../support/engine';
import { api, signedInUser, startTestServerOn } from '../support/server';
import type { TestServer } from '../support/server';
import { joinQueue, openConsoleAt, waitForTicket } from './support/console';
import { startBrowserSuite } from './support/suite';

let browser: Browser;
let server: TestServer;
let restarted: TestServer | undefined;

beforeAll(async () => {
  ({ browser, server } = await startBrowserSuite());
});
afterAll(async () => {
  await browser?.close();
  await (restarted ?? server)?.stop();
});

const banner = 'Not connected to the Queuebell server';

describe('nurse console without its server', () => {
  it('shows the banner and disables actions while the server is down, then reconnects and refreshes', async () => {
    const nurse = await signedInUser(server, 'nurse');
    const [first, second] = await createPatients(server, null, 2);
    await api(server, 'POST', '/api/queues/OPD/open', { token: nurse.token });
    const waiting = await joinQueue(server, first!.token, 'OPD');

    const { context, page } = await openConsoleAt(browser, server, nurse, 'Outpatients');
    await page.getByLabel('Room', { exact: true }).fill('Room 1');
    await waitForTicket(page, waiting, 'waiting');
    const callNext = page.getByRole('button', { name: /Call next/ });
    const toggle = page.getByRole('switch', { name: 'Outpatients queue open' });
    expect(await callNext.isEnabled()).toBe(true);

    await server.close();
    await page.getByRole('alert').filter({ hasText: banner }).waitFor();
    expect(await callNext.isDisabled()).toBe(true);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: `Change priority of ${waiting}` }).isDisabled()).toBe(true);
    await page.screenshot({ path: artifactPath('console-offline.png') });

    // Same database, same address: the console finds it again on its own.
    restarted = await startTestServerOn(server.db, { PORT: new URL(server.url).port });
    await page.getByRole('alert').filter({ hasText: banner }).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await callNext.isEnabled()).toBe(true);

    // Subscribed again: a join after the restart shows up live.
    const joined = await joinQueue(restarted, second!.token, 'OPD');
    await waitForTicket(page, joined, 'waiting');
    await context.close();
  });
});

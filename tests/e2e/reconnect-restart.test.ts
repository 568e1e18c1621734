import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext } from '../support/browser';
import { signedInUser, startTestServer } from '../support/server';
import type { TestServer } from '../support/server';
import { openConsole, signIn } from './support/console';
import { openKiosk, openQueue } from './support/kiosk-page';
import { newPatient, registerThroughUi, waitLive } from './support/pwa';
import { closeGracefully, startAgain } from './support/restart';

/**
 * A graceful restart (`server.close()` disconnects every socket with `io server disconnect`, after
 * which Socket.IO does not retry on its own) under each client: the shared live-sync must connect
 * again by itself, and the next change must show live, without a page reload.
 */
let browser: Browser;
let server: TestServer | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await server?.stop();
  server = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** Closes the server, waits until the page shows it gone (`wentDown`), then starts it on its port and data. */
async function restartUnder(wentDown: () => Promise<unknown>): Promise<TestServer> {
  if (!server) throw new Error('no server to restart');
  const closed = await closeGracefully(server);
  server = undefined;
  await wentDown();
  server = await startAgain(closed);
  return server;
}

describe('a graceful server restart', () => {
  it('the patient app reconnects and shows a queue opened afterwards', async () => {
    server = await startTestServer();
    const nurse = await signedInUser(server, 'nurse');
    context = await newContext(browser);
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await registerThroughUi(page, server, newPatient('restart'));
    await waitLive(page);
    const opd = page.locator('[data-department="OPD"]');
    await expect.poll(() => opd.getByTestId('queue-status').textContent()).toBe('Closed');

    const again = await restartUnder(() => page.waitForSelector('main[data-connection="down"]'));
    await waitLive(page);
    await openQueue(again, nurse.token, 'OPD');
    await opd.getByText('Open — no wait').waitFor();
  });

  it('the console reconnects and shows a queue opened afterwards', async () => {
    server = await startTestServer();
    const nurse = await signedInUser(server, 'nurse');
    const opened = await openConsole(browser, server);
    context = opened.context;
    context.setDefaultTimeout(20_000);
    const { page } = opened;
    await signIn(page, nurse);
    const opd = page.locator('[data-department="OPD"] .switch-label');
    await expect.poll(() => opd.textContent()).toBe('Closed');

    const banner = page.getByRole('alert').filter({ hasText: 'Not connected' });
    const again = await restartUnder(() => banner.waitFor());
    await banner.waitFor({ state: 'detached' });
    await openQueue(again, nurse.token, 'OPD');
    await expect.poll(() => opd.textContent()).toBe('Open');
  });

  it('the kiosk reconnects and shows a queue opened afterwards', async () => {
    server = await startTestServer();
    const nurse = await signedInUser(server, 'nurse');
    const kiosk = await openKiosk(browser, server, { query: 'departments=OPD' });
    context = kiosk.page.context();
    context.setDefaultTimeout(20_000);
    const { page } = kiosk;
    await page.locator('.department.is-closed[data-department="OPD"]').waitFor();

    const again = await restartUnder(() => page.locator('.kiosk[data-live="false"]').waitFor());
    await page.locator('.kiosk[data-live="true"]').waitFor();
    await openQueue(again, nurse.token, 'OPD');
    await page.locator('.department.is-open[data-department="OPD"]').waitFor();
  });
});

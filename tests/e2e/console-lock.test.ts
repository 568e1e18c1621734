import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STAFF_IDLE_MINUTES } from '../../shared/constants';
import { artifactPath } from '../support/browser';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { openConsole, signIn } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The idle lock as a nurse meets it, in the browser host (the same renderer as the desktop app's).
 * Playwright's clock stands in for the minutes: fastForward jumps like a PC left alone.
 */
let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
});
afterAll(() => suite?.stop());

const TOKEN_KEY = 'queuebell.console.token';
const minutes = (count: number) => `${String(count).padStart(2, '0')}:00`;

describe('the console idle lock', () => {
  it('locks after the idle time, kills the token, and unlocks only with the right password', async () => {
    const nurse = await signedInUser(server, 'nurse', { name: 'Nurse Lock' });
    const { context, page } = await openConsole(browser, server);
    await context.clock.install();
    await page.reload();
    await signIn(page, nurse);
    const firstToken = await page.evaluate<string | null>(`sessionStorage.getItem('${TOKEN_KEY}')`);
    expect(firstToken).toBeTruthy();

    // Input keeps it open: the mouse moves just before the idle time is up.
    await page.clock.fastForward(minutes(DEFAULT_STAFF_IDLE_MINUTES - 1));
    await page.mouse.move(200, 200);
    await page.clock.fastForward(minutes(DEFAULT_STAFF_IDLE_MINUTES - 1));
    await page.getByRole('list', { name: 'Departments' }).waitFor();

    // Left alone for the idle time: the console goes, and its token with it, here and on the server.
    await page.clock.fastForward(minutes(DEFAULT_STAFF_IDLE_MINUTES + 1));
    await page.getByRole('heading', { name: 'The console is locked' }).waitFor();
    expect(await page.getByRole('list', { name: 'Departments' }).count()).toBe(0);
    expect(await page.getByText('Nurse Lock').textContent()).toContain(nurse.email);
    expect(await page.evaluate<string | null>(`sessionStorage.getItem('${TOKEN_KEY}')`)).toBeNull();
    await expect
      .poll(async () => (await api(server, 'GET', '/api/me', { token: firstToken ?? undefined })).status)
      .toBe(401);
    await page.screenshot({ path: artifactPath('console-locked.png') });

    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /password/i })
      .waitFor();
    await page.getByRole('heading', { name: 'The console is locked' }).waitFor();

    // A reload while locked does not get past it: there is no token left to restore.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to the nurse console' }).waitFor();
    await page.getByLabel('Email').fill(nurse.email);
    await page.getByLabel('Password').fill(nurse.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('list', { name: 'Departments' }).waitFor();

    await page.clock.fastForward(minutes(DEFAULT_STAFF_IDLE_MINUTES + 1));
    await page.getByRole('heading', { name: 'The console is locked' }).waitFor();
    await page.getByLabel('Password').fill(nurse.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('list', { name: 'Departments' }).waitFor();
    const unlockedToken = await page.evaluate<string | null>(`sessionStorage.getItem('${TOKEN_KEY}')`);
    expect(unlockedToken).toBeTruthy();
    expect(unlockedToken).not.toBe(firstToken);
    expect((await api(server, 'GET', '/api/me', { token: unlockedToken ?? undefined })).status).toBe(200);
    await context.close();
  });
});

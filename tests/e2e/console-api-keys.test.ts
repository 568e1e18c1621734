import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { createDepartment, openConsole, seriousA11yViolations, signIn } from './support/console';
import { es } from '../../electron/renderer/src/i18n/es';
import { fr } from '../../electron/renderer/src/i18n/fr';
import { untranslatedInConsole } from './support/console-i18n';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The console's API keys page in Chromium: an admin makes a key for a registration desk, sees its secret
 * once (and copies it), the secret works, and after a confirmed revocation it is refused at once; the
 * page speaks Spanish and French.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let admin: { token: string; email: string; password: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin', { name: 'Admin Keys' });
  await createDepartment(server, admin.token, 'RADI', 'Radiology');
});
afterAll(() => suite?.stop());

async function openApiKeys(page: Page, tab = 'API keys'): Promise<void> {
  await page.getByRole('button', { name: 'Administration' }).click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

const openRadiology = (secret: string) =>
  api(server, 'POST', '/api/queues/RADI/open', { token: secret, body: {} });

describe('console API keys page', () => {
  it('creates a key with its secret shown once, then revokes it after a confirmation', async () => {
    const { context, page } = await openConsole(browser, server);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, admin);
    await openApiKeys(page);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByText('No API key yet.').waitFor();

    await page.getByRole('button', { name: 'New API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name of the system that will use it').fill('Registration desk');
    await dialog.getByRole('checkbox', { name: /Queues: open and close/ }).check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create the key' }).click();

    const shown = page.getByRole('dialog', { name: 'Secret of the key Registration desk' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('shown only once');
    const secret = await shown.getByLabel('Secret').inputValue();
    expect(secret).toMatch(/^qb_/);
    await shown.getByRole('button', { name: 'Copy the secret' }).click();
    await shown.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.screenshot({ path: artifactPath('console-api-key-secret.png') });
    await shown.getByRole('button', { name: 'Done' }).click();

    // Listed with its scopes, never with its secret; and the secret works.
    const row = page.locator('tr[data-api-key="Registration desk"]');
    expect(await row.textContent()).toContain('Read, Queues');
    expect(await page.locator('body').textContent()).not.toContain(secret);
    expect((await openRadiology(secret)).status).toBe(200);

    // Revoking asks first; cancelling keeps the key.
    await row.getByRole('button', { name: 'Revoke Registration desk' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke the key Registration desk?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Revoke Registration desk' }).click();
    await confirm.getByRole('button', { name: 'Revoke the key' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await openRadiology(secret)).status).toBe(401);
    await context.close();
  });

  it('speaks Spanish and French on the page and its dialogs', async () => {
    await api(server, 'POST', '/api/api-keys', {
      token: admin.token,
      body: { name: 'Gestor de camas', scopes: ['read', 'tickets'] },
    });
    const { context, page } = await openConsole(browser, server);
    await signIn(page, admin);
    for (const [language, catalog] of [
      ['es', es],
      ['fr', fr],
    ] as const) {
      await page.locator('header select').selectOption(language);
      await page.getByRole('button', { name: catalog.admin.open, exact: true }).click();
      await page.getByRole('tab', { name: catalog.admin.tabs.apiKeys, exact: true }).click();
      await page.locator('tr[data-api-key="Gestor de camas"]').waitFor();
      expect(await untranslatedInConsole(page, language)).toEqual([]);
      await page.getByRole('button', { name: catalog.admin.apiKeys.create }).click();
      await page.getByRole('dialog').waitFor();
      expect(await untranslatedInConsole(page, language)).toEqual([]);
      await page.getByRole('dialog').getByRole('button', { name: catalog.common.cancel }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: catalog.admin.back }).click();
    }
    await context.close();
  });
});

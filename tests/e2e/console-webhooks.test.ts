import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import { signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { startWebhookReceiver } from '../support/webhook-receiver';
import type { WebhookReceiver } from '../support/webhook-receiver';
import { openConsole, seriousA11yViolations, signIn } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The console's Webhooks page in Chromium: create a webhook (its secret shown once), refuse a private
 * address in words, send a test that a real receiver verifies, and see it delivered in the log.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  suite = await startBrowserSuite({ env: { WEBHOOK_ALLOWED_ORIGINS: receiver.origin } });
  ({ server, browser } = suite);
});
afterAll(async () => {
  await suite?.stop();
  await receiver.close();
});

it('creates a webhook, shows its secret once, sends a test and shows it delivered', async () => {
  const admin = await signedInUser(server, 'admin', { name: 'Admin Webb' });
  const { context, page } = await openConsole(browser, server);
  await signIn(page, admin);
  await page.getByRole('button', { name: 'Administration' }).click();
  await page.getByRole('tab', { name: 'Webhooks', exact: true }).click();
  await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();

  // A private address is refused, in words, and the dialog stays open.
  await page.getByRole('button', { name: 'New webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a webhook' });
  await dialog.getByLabel('URL (https)').fill('https://10.0.0.8/hook');
  await dialog.getByLabel('webhook.test').check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.getByRole('alert').waitFor();
  expect(await dialog.getByRole('alert').textContent()).toContain('private');

  await dialog.getByLabel('URL (https)').fill(receiver.url);
  await dialog.getByLabel('ticket.called').check();
  expect(await seriousA11yViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save' }).click();

  const shown = page.getByRole('dialog', { name: 'The signing secret' });
  await shown.waitFor();
  const secret = await shown.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  receiver.useSecret(secret);
  await shown.getByRole('button', { name: 'Done' }).click();

  const row = page.locator('tr[data-webhook]');
  expect(await row.textContent()).toContain(receiver.url);
  expect(await row.textContent()).toContain('ticket.called');
  // The secret is not on the page any more.
  expect(await page.content()).not.toContain(secret);

  await row.getByRole('button', { name: 'Send test' }).click();
  const [received] = await receiver.waitFor(1);
  expect(received?.payload.type).toBe('webhook.test');
  const delivered = page.locator('.webhook-deliveries tr[data-status="delivered"]');
  await delivered.waitFor();
  expect(await delivered.textContent()).toContain('webhook.test');
  expect(await delivered.textContent()).toContain('204');
  await page.screenshot({ path: artifactPath('console-webhooks.png') });

  // Turned off from its dialog.
  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit the webhook' });
  await edit.getByLabel('Active: send events to this address').uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await page.locator('tr[data-webhook]', { hasText: 'Off' }).waitFor();

  page.once('dialog', (confirm) => void confirm.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('No webhook yet.').waitFor();
  await context.close();
});

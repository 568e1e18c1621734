import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import type { TestServer } from '../support/server';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The interactive API reference at /api/docs in Chromium, under the server's own Content-Security-Policy
 * and with every request outside the server refused (a hospital network has no internet): it renders the
 * routes of /api/openapi.json, and nothing on the page breaks the policy.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
});
afterAll(() => suite?.stop());

describe('API reference page', () => {
  it('renders the route list from the OpenAPI document, served only from this server', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    await context.route(
      (url) => url.origin !== new URL(server.url).origin,
      async (route) => {
        outside.push(route.request().url());
        await route.abort();
      },
    );
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const documentRead = page.waitForResponse((response) => response.url().endsWith('/api/openapi.json'));
    await page.goto(`${server.url}/api/docs`);
    expect((await documentRead).status()).toBe(200);
    // The document's title, every tag of the route table in the sidebar, and the routes of the first.
    await page.getByRole('heading', { name: 'Queuebell API' }).waitFor();
    for (const tag of ['queues', 'tickets', 'api-keys', 'staff']) {
      await page.getByText(tag, { exact: true }).first().waitFor();
    }
    await page.getByText('Register a patient account').first().waitFor();
    await page.getByText('/api/auth/login').first().waitFor();
    // Opening a tag shows its routes' summaries, from the route table.
    await page.getByText('api-keys', { exact: true }).first().click();
    await page.getByText('Make an API key for a hospital system', { exact: false }).first().waitFor();
    await page.screenshot({ path: artifactPath('api-docs.png') });
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });
});

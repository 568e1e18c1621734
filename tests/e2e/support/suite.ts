import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { startPushReceiver } from '../../support/push-receiver';
import type { PushReceiver } from '../../support/push-receiver';
import { startTestServer } from '../../support/server';
import type { TestServer } from '../../support/server';

/** What one browser test file runs against: Chromium and a test server of its own. */
export interface BrowserSuite {
  browser: Browser;
  server: TestServer;
  stop(): Promise<void>;
}

export interface BrowserSuiteWithPush extends BrowserSuite {
  receiver: PushReceiver;
}

export interface BrowserSuiteOptions {
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

/**
 * Starts Chromium and a server together, in a file's beforeAll; `stop()` in its afterAll. With
 * `pushReceiver: true`, a push receiver starts first and the server may send to it.
 */
export function startBrowserSuite(
  options: BrowserSuiteOptions & { pushReceiver: true },
): Promise<BrowserSuiteWithPush>;
export function startBrowserSuite(options?: BrowserSuiteOptions): Promise<BrowserSuite>;
export async function startBrowserSuite(
  options: BrowserSuiteOptions & { pushReceiver?: boolean } = {},
): Promise<BrowserSuite & { receiver?: PushReceiver }> {
  const receiver = options.pushReceiver ? await startPushReceiver() : undefined;
  const env = { ...options.env, ...(receiver ? { PUSH_ALLOWED_ORIGINS: receiver.origin } : {}) };
  const [browser, server] = await Promise.allSettled([launchBrowser(), startTestServer(env)]);
  if (browser.status === 'fulfilled' && server.status === 'fulfilled') {
    return {
      browser: browser.value,
      server: server.value,
      receiver,
      async stop() {
        await browser.value.close();
        await server.value.stop();
        await receiver?.close();
      },
    };
  }
  // Nothing of a half-started suite outlives the failure.
  if (browser.status === 'fulfilled') await browser.value.close();
  if (server.status === 'fulfilled') await server.value.stop();
  await receiver?.close();
  const failure = [browser, server].find((result) => result.status === 'rejected');
  throw failure?.reason;
}

// The callbacks given to page.evaluate() run in the browser and are typed against its DOM.
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { QueryTypes } from 'sequelize';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { newContext } from '../../support/browser';
import { api } from '../../support/server';
import type { TestServer } from '../../support/server';

/** Helpers for the patient app's browser tests: sign-up through the UI, nurse actions through the API. */

let counter = 0;

export interface UiPatient {
  email: string;
  password: string;
  name: string;
}

export function newPatient(label = 'patient'): UiPatient {
  counter += 1;
  return {
    email: `${label}${counter}-${Date.now()}@test.example`,
    password: 'correct horse battery',
    name: `${label} ${counter}`,
  };
}

/** Console errors and uncaught exceptions: a CSP violation or a crash shows up here. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Opens the app and registers through the form; resolves once the home page shows departments. */
export async function registerThroughUi(page: Page, server: TestServer, patient: UiPatient): Promise<void> {
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('Name').fill(patient.name);
  await page.getByLabel('Email').fill(patient.email);
  await page.getByLabel('Password').fill(patient.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForSelector('[data-department="OPD"]');
}

export interface PhoneOptions {
  /** Context options over the phone defaults: another viewport, another user agent. */
  context?: Parameters<typeof newContext>[1];
  /** Runs on the context before its page opens: permissions, init scripts, stubs. */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}

/** A fresh phone-sized profile and its page. */
export async function openPhone(
  browser: Browser,
  options: PhoneOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, options.context);
  // Below the test's own timeout, so a failing wait names what it waited for.
  context.setDefaultTimeout(10_000);
  await options.prepare?.(context);
  const page = await context.newPage();
  return { context, page };
}

/** A phone on which `patient` signs up through the app; `errors` watches the page from the start. */
export async function signUpOnPhone(
  browser: Browser,
  server: TestServer,
  patient: UiPatient,
  options: PhoneOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const { context, page } = await openPhone(browser, options);
  const errors = watchErrors(page);
  await registerThroughUi(page, server, patient);
  return { context, page, errors };
}

/**
 * The live connection is up and subscribed: server actions are enabled, and changes reach the page,
 * from then on. (The absence of the offline banner is not enough: it is also absent while connecting.)
 */
export async function waitLive(page: Page): Promise<void> {
  await page.waitForSelector('main[data-connection="live"]');
}

export async function nurseAction(
  server: TestServer,
  token: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const answer = await api(server, 'POST', path, { token, body });
  if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function userIdOf(server: TestServer, email: string): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ id: number }>(
    `SELECT id FROM users WHERE email = :email`,
    {
      replacements: { email },
      type: QueryTypes.SELECT,
    },
  );
  if (!row) throw new Error(`no user ${email}`);
  return Number(row.id);
}

export { notificationsOf } from '../../support/records';
export type { NotificationRow } from '../../support/records';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page. The source goes in through the DevTools protocol's evaluate, which the
 * page's CSP (script-src 'self') does not govern, so the app is checked under its real headers.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: RawViolation[] }> } }).axe;
    interface RawViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: unknown[] }>;
    }
    const result = await axe.run();
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** True when the page is wider than the viewport (a horizontal scrollbar). */
export function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Resolves once the service worker is active and controls the page (its precache is complete then). */
export async function serviceWorkerReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    // First visit: the worker activated after the page loaded; a reload puts the page under it.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
}

export async function grantNotifications(context: BrowserContext, server: TestServer): Promise<void> {
  await context.grantPermissions(['notifications'], { origin: server.url });
}

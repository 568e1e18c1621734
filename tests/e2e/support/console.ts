import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newContext } from '../../support/browser';
import { api } from '../../support/server';

/** The nurse console is a desktop layout: test it at a desk's size, not the phone default. */
export const DESK_VIEWPORT = { width: 1280, height: 860 };

export interface Credentials {
  email: string;
  password: string;
}

export async function openConsole(
  browser: Browser,
  server: { url: string },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, { viewport: DESK_VIEWPORT });
  // Below the test's own timeout, so a failing wait names what it waited for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  return { context, page };
}

export async function submitSignIn(page: Page, user: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the live connection, so actions are enabled when the test starts acting. */
export async function signIn(page: Page, user: Credentials): Promise<void> {
  await submitSignIn(page, user);
  await page.getByRole('list', { name: 'Departments' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Not connected' }).waitFor({ state: 'detached' });
}

export async function selectDepartment(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: false }).filter({ hasText: name }).first().click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** A console signed in as `user`, with `department` (its name) selected. */
export async function openConsoleAt(
  browser: Browser,
  server: { url: string },
  user: Credentials,
  department: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openConsole(browser, server);
  await signIn(opened.page, user);
  await selectDepartment(opened.page, department);
  return opened;
}

export const ticketRow = (page: Page, number: string) => page.locator(`tr[data-ticket="${number}"]`);

/** Waits until the ticket's row shows that status (the server decides; the console follows its events). */
export async function waitForTicket(page: Page, number: string, status: string): Promise<void> {
  await page.locator(`tr[data-ticket="${number}"][data-status="${status}"]`).waitFor();
}

export async function createDepartment(
  server: { url: string },
  adminToken: string,
  code: string,
  name: string,
): Promise<void> {
  const created = await api(server, 'POST', '/api/departments', { token: adminToken, body: { code, name } });
  if (created.status !== 201) throw new Error(`department ${code}: ${JSON.stringify(created.body)}`);
}

export async function joinQueue(
  server: { url: string },
  patientToken: string,
  department: string,
): Promise<string> {
  const joined = await api<{ ticket: { number: string } }>(
    server,
    'POST',
    `/api/queues/${department}/tickets`,
    {
      token: patientToken,
    },
  );
  if (joined.status !== 201) throw new Error(`join ${department}: ${JSON.stringify(joined.body)}`);
  return joined.body.ticket.number;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Runs axe-core in the page and answers the serious and critical violations. The source is evaluated
 * through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // A string, not a function: this file is compiled without the DOM library.
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document).then((result) =>
    result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) })))`);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

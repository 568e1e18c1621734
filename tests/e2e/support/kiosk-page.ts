import type { Browser, Page } from 'playwright-core';
import type { Ticket } from '../../../shared/tickets';
import { newContext } from '../../support/browser';
import { api } from '../../support/server';
import { installKioskStubs } from './kiosk-stubs';
import type { KioskSpeechLog, KioskTestGlobals } from './kiosk-stubs';

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

export interface KioskPage {
  page: Page;
  /** Uncaught errors and console errors (a CSP violation shows up here). */
  errors: string[];
  close(): Promise<void>;
}

/** The kiosk in a fresh profile with speech stubbed, loaded and live. */
export async function openKiosk(
  browser: Browser,
  server: { url: string },
  options: { query?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<KioskPage> {
  const context = await newContext(browser, {
    viewport: options.viewport ?? LANDSCAPE,
    bypassCSP: options.bypassCSP ?? false,
  });
  await context.addInitScript(installKioskStubs);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const response = await page.goto(`${server.url}/kiosk${options.query ? `?${options.query}` : ''}`);
  // Fail fast (not on a 30 s wait) when pwa/dist has no kiosk build.
  if (response?.status() !== 200) throw new Error(`GET /kiosk answered ${response?.status()}`);
  await page
    .locator('.kiosk[data-live="true"]')
    .waitFor({ timeout: 15_000 })
    .catch((error: unknown) => {
      // Say why (a missing asset, a script error) rather than only that it timed out.
      throw new Error(`the kiosk did not go live: ${errors.join('; ') || String(error)}`);
    });
  return { page, errors, close: () => context.close() };
}

/** The one tap that browsers require before a page may make sound. */
export async function enableSound(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Tap to enable sound/ }).click();
  await page.locator('.kiosk[data-sound-enabled="true"]').waitFor();
}

export function speechLog(page: Page): Promise<Omit<KioskSpeechLog, 'finish'>> {
  return page.evaluate(() => {
    const { spoken, overlaps, cancels, speaking, tones } = (globalThis as unknown as KioskTestGlobals)
      .__kioskSpeech;
    return { spoken, overlaps, cancels, speaking, tones };
  });
}

/** Resolves once `count` utterances have started. */
export async function waitForSpoken(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (wanted) => (globalThis as unknown as KioskTestGlobals).__kioskSpeech.spoken.length >= wanted,
    count,
  );
}

/** Ends the utterance being spoken, as the speech engine would when it finishes the sentence. */
export async function finishUtterance(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as KioskTestGlobals).__kioskSpeech.finish());
}

/** A row under "now serving" with that ticket number. */
export function servingRow(page: Page, ticket: string) {
  return page.locator(`.serving-list li[data-ticket="${ticket}"]`);
}

/** The nurse's and patients' side of the flow, through the public API. */
export async function openQueue(server: { url: string }, nurse: string, department: string): Promise<void> {
  const answer = await api(server, 'POST', `/api/queues/${department}/open`, { token: nurse, body: {} });
  if (answer.status !== 200) throw new Error(`open ${department}: ${answer.status}`);
}

/** POSTs a ticket change and answers the ticket, or throws `label` and the answer's status and body. */
async function postForTicket(
  server: { url: string },
  token: string,
  path: string,
  label: string,
  options: { expected?: number; body?: Record<string, string> } = {},
): Promise<Ticket> {
  const answer = await api<{ ticket: Ticket }>(server, 'POST', path, {
    token,
    ...(options.body ? { body: options.body } : {}),
  });
  if (answer.status !== (options.expected ?? 200))
    throw new Error(`${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.ticket;
}

export function join(server: { url: string }, patient: string, department: string): Promise<Ticket> {
  return postForTicket(server, patient, `/api/queues/${department}/tickets`, `join ${department}`, {
    expected: 201,
  });
}

export function callNext(
  server: { url: string },
  nurse: string,
  department: string,
  room: string,
): Promise<Ticket> {
  return postForTicket(server, nurse, `/api/queues/${department}/call-next`, `call ${department}`, {
    body: { room },
  });
}

export function ticketAction(
  server: { url: string },
  nurse: string,
  ticket: Ticket,
  action: 'recall' | 'serve' | 'complete' | 'no-show',
): Promise<Ticket> {
  return postForTicket(server, nurse, `/api/tickets/${ticket.id}/${action}`, `${action} ${ticket.number}`);
}

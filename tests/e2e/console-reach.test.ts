import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicket } from '../../shared/tickets';
import { artifactPath } from '../support/browser';
import { createPatients } from '../support/engine';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  createDepartment,
  joinQueue,
  openConsoleAt,
  seriousA11yViolations,
  ticketRow,
  waitForTicket,
} from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The console shows how each patient can be reached, flags at once a call that reached nobody (the
 * server's `ticket:unreached`), and clears the flag when the patient confirms it (`ticket:reached`).
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  // An SMTP server nobody listens on: configured, so email counts as a way to reach a patient.
  suite = await startBrowserSuite({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
  ({ server, browser } = suite);
});
afterAll(() => suite?.stop());

async function listedTicket(token: string, number: string): Promise<StaffTicket> {
  const list = await api<StaffTicket[]>(server, 'GET', '/api/queues/ENT/tickets', { token });
  const ticket = list.body.find((entry) => entry.number === number);
  if (!ticket) throw new Error(`${number} is not listed`);
  return ticket;
}

const unreachedAlert = (page: Page) => page.getByRole('alert').filter({ hasText: 'not reached' });

describe('nurse console: reaching patients', () => {
  it('shows each patient’s reach and flags at once a call nobody received, until it is confirmed', async () => {
    const admin = await signedInUser(server, 'admin');
    await createDepartment(server, admin.token, 'ENT', 'Ear, nose and throat');
    const nurse = await signedInUser(server, 'nurse');
    await api(server, 'POST', '/api/queues/ENT/open', { token: nurse.token });
    // Neither has a push subscription; the first allows no email either.
    const [silent, emailed] = await createPatients(server, null, 2, { departments: ['LAB'] });
    await api(server, 'PUT', '/api/me/preferences', {
      token: silent!.token,
      body: { departments: ['LAB'], push: true, email: false, sms: false, locale: 'en' },
    });
    const silentNumber = await joinQueue(server, silent!.token, 'ENT');
    const emailedNumber = await joinQueue(server, emailed!.token, 'ENT');

    const { context, page } = await openConsoleAt(browser, server, nurse, 'Ear, nose and throat');
    await waitForTicket(page, silentNumber, 'waiting');
    await waitForTicket(page, emailedNumber, 'waiting');
    await ticketRow(page, silentNumber).locator('.reach-display', { hasText: 'Display only' }).waitFor();
    await ticketRow(page, emailedNumber).locator('.reach', { hasText: 'Email' }).waitFor();

    // The first in line is called: no push, no email, no SMS. The server's delivery worker finds no channel
    // and tells the console at once.
    await page.getByLabel('Room', { exact: true }).fill('Room 3');
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, silentNumber, 'called');
    const row = page.locator(`tr[data-ticket="${silentNumber}"][data-call="unreached"]`);
    await row.getByText('Not reached — call the name in the room').waitFor();
    const alert = unreachedAlert(page);
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${silentNumber} (Zelda Privatename 0): not reached`);
    expect(await alert.textContent()).toContain('call the name in Room 3');
    expect(await alert.getAttribute('role')).toBe('alert');
    await page.screenshot({ path: artifactPath('console-unreached.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The patient opens the app after all, which confirms the call: the flag goes.
    const called = await listedTicket(nurse.token, silentNumber);
    const confirmed = await api(
      server,
      'POST',
      `/api/notifications/${called.lastCall!.notificationId}/delivered`,
      {
        token: silent!.token,
      },
    );
    expect(confirmed.status).toBe(204);
    await page
      .locator(`tr[data-ticket="${silentNumber}"][data-call="confirmed"]`)
      .getByText('Call confirmed')
      .waitFor();
    await alert.waitFor({ state: 'detached' });
    expect(await page.locator('tr.unreached').count()).toBe(0);

    // The next one can be emailed: with no push to wait for, the call escalates to email at once.
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, emailedNumber, 'called');
    await page
      .locator(`tr[data-ticket="${emailedNumber}"][data-call="escalated"]`)
      .getByText('Escalated to email')
      .waitFor();
    expect(await unreachedAlert(page).count()).toBe(0);

    // The delivery tab counts by channel too.
    await page.getByRole('tab', { name: 'Delivery' }).click();
    await page.getByRole('table', { name: 'By channel' }).locator('tr[data-channel="email"]').waitFor();
    await page.screenshot({ path: artifactPath('console-delivery-channels.png'), fullPage: true });
    await context.close();
  });
});

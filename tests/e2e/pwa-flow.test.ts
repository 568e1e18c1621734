import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { artifactPath } from '../support/browser';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { newPatient, notificationsOf, nurseAction, signUpOnPhone, userIdOf, waitLive } from './support/pwa';
import { holdNextQueuesList } from './support/held-list';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** The patient app end to end: sign-up, live queues, a ticket called by a nurse, the inbox, leaving. */
let suite: BrowserSuite | undefined;
let server: TestServer;
let browser: Browser;
let nurse: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  nurse = await signedInUser(server, 'nurse');
});
afterAll(() => suite?.stop());

describe('patient app', () => {
  it('signs up, sees a queue open live, joins, is called to a room, reads the inbox and leaves a queue', async () => {
    const patient = newPatient();
    const { context, page, errors } = await signUpOnPhone(browser, server, patient);
    await waitLive(page);
    const userId = await userIdOf(server, patient.email);

    const opd = page.locator('[data-department="OPD"]');
    await expect.poll(() => opd.getByTestId('queue-status').textContent()).toBe('Closed');

    // A nurse opens the queue: the status changes without a reload and the notification arrives live.
    await nurseAction(server, nurse.token, '/api/queues/OPD/open');
    await opd.getByText('Open — no wait').waitFor();
    await page.getByTestId('unread-count').filter({ hasText: '1 unread' }).waitFor();

    await opd.getByRole('button', { name: 'Join' }).click();
    const ticket = page.getByRole('article');
    await ticket.getByTestId('ticket-number').filter({ hasText: 'OPD-001' }).waitFor();
    await expect.poll(() => ticket.getByTestId('ticket-position').textContent()).toBe('You are next');
    await opd.getByText('You are in this queue').waitFor();
    // Next in line is within the alert position: "almost your turn" arrives too.
    await page.getByTestId('unread-count').filter({ hasText: '2 unread' }).waitFor();
    await page.screenshot({ path: artifactPath('pwa-home-waiting.png'), fullPage: true });

    await nurseAction(server, nurse.token, '/api/queues/OPD/call-next', { room: '7' });
    await ticket.getByTestId('ticket-call').filter({ hasText: 'Please go to room 7.' }).waitFor();
    await page.getByTestId('unread-count').filter({ hasText: '3 unread' }).waitFor();
    await page.screenshot({ path: artifactPath('pwa-home-called.png'), fullPage: true });

    // Inbox: newest first, all unread; opening one marks it read on the server.
    await page.getByRole('link', { name: 'Inbox 3 unread' }).click();
    const items = page.locator('.notification');
    await expect
      .poll(() => items.locator('.notification-title').allTextContents())
      .toEqual(['It is your turn', 'Almost your turn', 'Outpatients is open']);
    await expect.poll(() => page.locator('.notification.unread').count()).toBe(3);
    await page.screenshot({ path: artifactPath('pwa-inbox.png'), fullPage: true });

    await page.getByRole('button', { name: /It is your turn/ }).click();
    await page.getByText('Please go to room 7 now. Your ticket: OPD-001.').waitFor();
    const called = (await notificationsOf(server, userId)).find((row) => row.type === 'ticket_called');
    await expect
      .poll(async () => (await notificationsOf(server, userId)).find((row) => row.id === called?.id)?.read_at)
      .toBeTruthy();
    await expect.poll(() => page.locator('.notification.unread').count()).toBe(2);

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => page.locator('.notification.unread').count()).toBe(0);
    await expect
      .poll(async () => (await notificationsOf(server, userId)).every((row) => row.read_at !== null))
      .toBe(true);
    await expect.poll(() => page.getByTestId('unread-count').count()).toBe(0);

    // Leaving a queue asks first; "No" keeps the ticket, "Yes" cancels it on the server.
    await nurseAction(server, nurse.token, '/api/queues/LAB/open');
    await page.getByRole('link', { name: 'Queues' }).click();
    const lab = page.locator('[data-department="LAB"]');
    await lab.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('ticket-number').filter({ hasText: 'LAB-001' }).waitFor();
    const labTicket = page.getByRole('article', { name: 'Ticket LAB-001' });
    await labTicket.getByRole('button', { name: 'Leave queue' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave the queue?' });
    await dialog.waitFor();
    await page.screenshot({ path: artifactPath('pwa-cancel-confirm.png') });
    await dialog.getByRole('button', { name: 'No, stay' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await labTicket.getByRole('button', { name: 'Leave queue' }).click();
    await dialog.getByRole('button', { name: 'Yes, leave' }).click();
    await labTicket.waitFor({ state: 'detached' });
    await lab.getByRole('button', { name: 'Join' }).waitFor();
    const [row] = await server.ctx.sequelize.query<{ status: string }>(
      `SELECT status FROM tickets WHERE number = 'LAB-001'`,
      { type: QueryTypes.SELECT },
    );
    expect(row?.status).toBe('cancelled');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays signed in across reloads, signs out, and explains each sign-in error', async () => {
    const patient = newPatient('auth');
    const { context, page } = await signUpOnPhone(browser, server, patient);

    await page.reload();
    await page.waitForSelector('[data-department="OPD"]');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const error = page.getByTestId('auth-error');
    async function signIn(email: string, password: string) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }

    await signIn(patient.email, 'not the password');
    await expect.poll(() => error.textContent()).toBe('The email or password is not right.');

    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Name').fill('Someone');
    await page.getByLabel('Email').fill(patient.email);
    await page.getByLabel('Password').fill(patient.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect
      .poll(() => error.textContent())
      .toBe('An account with this email already exists. Sign in instead.');
    await page.getByRole('button', { name: 'I already have an account' }).click();

    // Ten failures from this address lock the email for a while: the message says how long.
    for (let attempt = 0; attempt < 9; attempt++) {
      await signIn(patient.email, `wrong ${attempt}`);
      await expect.poll(() => error.textContent()).toContain('not right');
    }
    await signIn(patient.email, patient.password);
    await expect.poll(() => error.textContent()).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    await page.screenshot({ path: artifactPath('pwa-sign-in-rate-limited.png') });

    // Offline, the form says so instead of failing silently.
    await context.setOffline(true);
    await signIn('nobody@test.example', 'whatever123');
    await expect
      .poll(() => error.textContent())
      .toBe('You are offline. Connect to the internet and try again.');
    await context.close();
  });

  it('keeps a queue shown open when it opened while the list of queues was on its way', async () => {
    const admin = await signedInUser(server, 'admin');
    await api(server, 'POST', '/api/departments', {
      token: admin.token,
      body: { code: 'XRAY', name: 'X-ray' },
    });
    const { context, page } = await signUpOnPhone(browser, server, newPatient('race'));
    await waitLive(page);
    const xray = page.locator('[data-department="XRAY"]');
    await expect.poll(() => xray.getByTestId('queue-status').textContent()).toBe('Closed');

    // The next list of queues is read from the server, then held back until the queue has opened and
    // the socket has said so: the list is older than what the page shows by then.
    const held = await holdNextQueuesList(page, 'XRAY', { department: 'ZZMARK', name: 'Marker' });
    // A reconnection reads everything again, as after a phone's network drops.
    await context.setOffline(true);
    await page.waitForSelector('main[data-connection="down"]');
    await context.setOffline(false);
    await held.read;

    await nurseAction(server, nurse.token, '/api/queues/XRAY/open');
    await xray.getByRole('button', { name: 'Join' }).waitFor();
    held.release();
    await page.locator('[data-department="ZZMARK"]').waitFor();
    expect(await xray.getByTestId('queue-status').textContent()).not.toBe('Closed');
    expect(await xray.getByRole('button', { name: 'Join' }).isVisible()).toBe(true);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import type { AuthAnswer } from '../../shared/schemas';
import type { Ticket } from '../../shared/tickets';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  newPatient,
  notificationsOf,
  nurseAction,
  openPhone,
  signUpOnPhone,
  userIdOf,
  waitLive,
  watchErrors,
} from './support/pwa';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** The kiosk's code opens `/join/<DEPT>`: a guest joins, is called, and keeps the ticket on upgrading; a booking is checked in. */
let suite: BrowserSuite | undefined;
let server: TestServer;
let browser: Browser;
let nurse: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  nurse = await signedInUser(server, 'nurse');
  await nurseAction(server, nurse.token, '/api/queues/OPD/open');
});
afterAll(() => suite?.stop());

describe('patient app: guests and appointments', () => {
  it('joins from /join/OPD as a guest, is called and notified, and upgrades keeping the ticket', async () => {
    const { context, page } = await openPhone(browser);
    const errors = watchErrors(page);
    // The kiosk's card of an open department carries the code of that department's join address.
    await page.goto(`${server.url}/kiosk`);
    const code = page.locator('[data-department="OPD"] .department-join');
    await expect.poll(() => code.getAttribute('data-join-url')).toBe(`${server.url}/join/OPD`);
    await code.getByRole('img', { name: /: OPD$/ }).waitFor();
    await page.goto(`${server.url}/join/OPD`);
    await page.getByRole('heading', { name: 'Join the OPD queue' }).waitFor();
    await page.getByLabel('Your name', { exact: true }).fill('Kiosk Guest');
    await page.getByRole('button', { name: 'Continue as guest' }).click();

    // The ticket is taken at once, push is offered right after, and the address is the app's own again.
    const ticket = page.getByRole('article');
    await ticket
      .getByTestId('ticket-number')
      .filter({ hasText: /^OPD-\d{3}$/ })
      .waitFor();
    await page.getByText('Get a notification on this phone when it is your turn.').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await waitLive(page);
    const number = await ticket.getByTestId('ticket-number').textContent();

    await nurseAction(server, nurse.token, '/api/queues/OPD/call-next', { room: '4' });
    await ticket.getByTestId('ticket-call').filter({ hasText: 'Please go to room 4.' }).waitFor();
    const [guest] = await server.ctx.sequelize.query<{ id: number }>(
      `SELECT id FROM users WHERE guest AND name = 'Kiosk Guest'`,
      { type: QueryTypes.SELECT },
    );
    const guestId = Number(guest?.id);
    await expect
      .poll(async () => (await notificationsOf(server, guestId)).map((row) => row.type))
      .toContain('ticket_called');
    await page.getByTestId('unread-count').waitFor();

    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('heading', { name: 'Keep your account' }).waitFor();
    const email = `upgraded-${Date.now()}@test.example`;
    await page.locator('#upgrade-email').fill(email);
    await page.locator('#upgrade-password').fill('a long password');
    await page.getByRole('button', { name: 'Save my account' }).click();
    await page.getByText(`Your account is saved. Sign in with ${email} from now on.`).waitFor();

    const login = await api<AuthAnswer>(server, 'POST', '/api/auth/login', {
      body: { email, password: 'a long password' },
    });
    expect(login.body.user).toMatchObject({ id: guestId, guest: false });
    const mine = await api<Ticket[]>(server, 'GET', '/api/tickets/mine', { token: login.body.token });
    expect(mine.body.map((held) => held.number)).toEqual([number]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks in for a booking inside its window and gets a ticket', async () => {
    const patient = newPatient('booked');
    const { context, page, errors } = await signUpOnPhone(browser, server, patient);
    const patientId = await userIdOf(server, patient.email);
    await nurseAction(server, nurse.token, '/api/appointments', {
      department: 'LAB',
      patientId,
      at: new Date(Date.now() + 10 * 60_000).toISOString(),
    });
    await nurseAction(server, nurse.token, '/api/queues/LAB/open');
    await page.reload();
    await waitLive(page);
    const booking = page.locator('.appointment');
    await booking.getByRole('button', { name: 'Check in' }).click();
    await booking.getByText('Checked in').waitFor();
    await page
      .getByRole('article')
      .getByTestId('ticket-number')
      .filter({ hasText: /^LAB-\d{3}$/ })
      .waitFor();
    const list = await api<Array<{ status: string; ticketId: number | null }>>(
      server,
      'GET',
      '/api/appointments?department=LAB',
      { token: nurse.token },
    );
    expect(list.body).toEqual([
      expect.objectContaining({ status: 'checked_in', ticketId: expect.any(Number) }),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

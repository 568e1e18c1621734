import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicket } from '../../shared/tickets';
import { createPatients } from '../support/engine';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  createDepartment,
  joinQueue,
  openConsole,
  openConsoleAt,
  selectDepartment,
  signIn,
  ticketRow,
  waitForTicket,
} from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * What issue 17 changed in the nurse's own console: long waits come from the server's
 * `ticket:long_wait` (a mark on the row and one desktop alert), a call names one of the department's
 * rooms (remembered by this console), and the department picker offers only what this nurse may act on.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let admin: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin');
  await createDepartment(server, admin.token, 'RADIO', 'Radiology');
  await createDepartment(server, admin.token, 'PAED', 'Paediatrics');
});
afterAll(() => suite?.stop());

/** Desktop alerts as the browser shows them, recorded: a Notification that the nurse has allowed. */
async function recordAlerts(context: BrowserContext): Promise<void> {
  await context.addInitScript(`(() => {
    const shown = [];
    window.shownAlerts = shown;
    window.Notification = class {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title, options) { shown.push({ title, body: options?.body ?? '' }); }
    };
  })()`);
}

const shownAlerts = (page: Page) =>
  page.evaluate<Array<{ title: string; body: string }>>('window.shownAlerts');

async function setDepartment(code: string, body: Record<string, unknown>): Promise<void> {
  const saved = await api(server, 'PATCH', `/api/departments/${code}`, { token: admin.token, body });
  expect(saved.status).toBe(200);
}

async function openQueue(code: string, token: string): Promise<void> {
  expect((await api(server, 'POST', `/api/queues/${code}/open`, { token })).status).toBe(200);
}

/** The ticket's wait made long in the database, whose clock the server's long-wait sweep reads. */
async function makeWaitLong(code: string, number: string, minutes: number): Promise<void> {
  await server.ctx.sequelize.query(
    `UPDATE tickets SET joined_at = now() - make_interval(mins => :minutes)
      WHERE number = :number AND department_id = (SELECT id FROM departments WHERE code = :code)`,
    { replacements: { minutes, number, code } },
  );
  // The sweep would look within 30 s anyway; waking it spares the test the wait.
  server.longWaits.wake();
}

describe('the console and the staff settings', () => {
  it('marks a long wait and raises one desktop alert when the server says so, never naming the patient', async () => {
    await setDepartment('RADIO', { longWaitMinutes: 5 });
    const nurse = await signedInUser(server, 'nurse');
    await openQueue('RADIO', nurse.token);
    const [long, fresh] = await createPatients(server, null, 2, { departments: ['RADIO'] });
    const longNumber = await joinQueue(server, long!.token, 'RADIO');
    const freshNumber = await joinQueue(server, fresh!.token, 'RADIO');

    const { context, page } = await openConsole(browser, server);
    await recordAlerts(context);
    await page.reload();
    await signIn(page, nurse);
    await selectDepartment(page, 'Radiology');
    await waitForTicket(page, longNumber, 'waiting');
    await waitForTicket(page, freshNumber, 'waiting');
    expect(await page.locator('tr[data-long-wait]').count()).toBe(0);

    await makeWaitLong('RADIO', longNumber, 7);
    const marked = page.locator(`tr[data-ticket="${longNumber}"][data-long-wait="true"]`);
    await marked.waitFor();
    expect(await marked.textContent()).toContain('Waiting long');
    await expect.poll(() => shownAlerts(page)).toHaveLength(1);
    const [alert] = await shownAlerts(page);
    expect(alert!.title).toContain(longNumber);
    expect(alert!.body).toContain('Radiology');
    const list = await api<StaffTicket[]>(server, 'GET', '/api/queues/RADIO/tickets', { token: nurse.token });
    for (const ticket of list.body)
      expect(`${alert!.title} ${alert!.body}`).not.toContain(ticket.patientName);

    // The other ticket is not long yet: no mark.
    expect(await ticketRow(page, freshNumber).getAttribute('data-long-wait')).toBeNull();
    const marks = list.body.map((ticket) => [ticket.number, ticket.longWait]);
    expect(marks).toEqual([
      [longNumber, true],
      [freshNumber, false],
    ]);

    // A console opened later still marks it (the list says so), without alerting again: the server
    // told each ticket once, and this console heard nothing new.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /Radiology/ }).waitFor();
    await marked.waitFor();
    expect(await shownAlerts(page)).toEqual([]);

    // Once called, the long one loses its mark.
    await page.getByLabel('Room', { exact: true }).fill('Room 9');
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, longNumber, 'called');
    expect(await ticketRow(page, longNumber).getAttribute('data-long-wait')).toBeNull();
    expect(await shownAlerts(page)).toEqual([]);
    await context.close();
  });

  it('calls into one of the department’s rooms, remembered by this console across a reload', async () => {
    await setDepartment('PAED', { rooms: ['Room 1', 'Room 2B'] });
    const nurse = await signedInUser(server, 'nurse');
    await openQueue('PAED', nurse.token);
    const patients = await createPatients(server, null, 2, { departments: ['PAED'] });
    const numbers: string[] = [];
    for (const patient of patients) numbers.push(await joinQueue(server, patient.token, 'PAED'));

    const { context, page } = await openConsoleAt(browser, server, nurse, 'Paediatrics');
    const room = page.getByLabel('Room', { exact: true });
    // A list, not free text: the kiosk and the push can only name a real room.
    expect(await room.evaluate((element) => element.tagName)).toBe('SELECT');
    expect(await room.locator('option').allTextContents()).toEqual(['Choose a room', 'Room 1', 'Room 2B']);
    await waitForTicket(page, numbers[0]!, 'waiting');
    await page.getByRole('button', { name: /Call next/ }).click();
    await page.getByRole('status').filter({ hasText: 'Choose the room' }).waitFor();

    await room.selectOption('Room 2B');
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, numbers[0]!, 'called');
    expect(await ticketRow(page, numbers[0]!).textContent()).toContain('Called to Room 2B');
    const queue = await api<{ nowServing: Array<{ ticket: string; room: string }> }>(
      server,
      'GET',
      '/api/queues/PAED',
    );
    expect(queue.body.nowServing).toContainEqual(
      expect.objectContaining({ ticket: numbers[0], room: 'Room 2B' }),
    );

    await page.reload();
    await page.getByRole('list', { name: 'Departments' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Paediatrics/ }).waitFor();
    expect(await page.getByLabel('Room', { exact: true }).inputValue()).toBe('Room 2B');

    // A room the department does not list is refused by the server, in words.
    const refused = await api(server, 'POST', '/api/queues/PAED/call-next', {
      token: nurse.token,
      body: { room: 'Broom cupboard' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'unknown_room' } });
    await context.close();
  });

  it("offers a nurse of LAB only LAB, whatever the hospital's other departments", async () => {
    const nurse = await signedInUser(server, 'nurse', { departments: ['LAB'] });
    const { context, page } = await openConsole(browser, server);
    await signIn(page, nurse);
    const boardCodes = () =>
      page
        .getByRole('list', { name: 'Departments' })
        .locator('[data-department]')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-department')));
    await expect.poll(boardCodes).toEqual(['LAB']);
    // One department to act on: no picker to narrow it down, and the workspace is LAB's.
    expect(await page.locator('summary', { hasText: 'Departments I work with' }).count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: /LAB/ }).waitFor();

    // Given OPD too, the picker lists those two and no other.
    await api(server, 'PATCH', `/api/staff/${nurse.id}`, {
      token: admin.token,
      body: { departments: ['LAB', 'OPD'] },
    });
    await page.reload();
    await page.getByRole('list', { name: 'Departments' }).waitFor();
    await expect.poll(boardCodes).toEqual(['LAB', 'OPD']);
    await page.locator('summary', { hasText: 'Departments I work with' }).click();
    const offered = await page
      .locator('.department-picker input[type="checkbox"]')
      .evaluateAll((boxes) => boxes.map((box) => box.parentElement?.querySelector('.code')?.textContent));
    expect(offered).toEqual(['LAB', 'OPD']);
    // "Departments I work with" narrows within them.
    await page.getByRole('checkbox', { name: /OPD/ }).check();
    await expect.poll(boardCodes).toEqual(['OPD']);
    await context.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import { createPatients } from '../support/engine';
import type { PushReceiver } from '../support/push-receiver';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  createDepartment,
  joinQueue,
  openConsole,
  openConsoleAt,
  selectDepartment,
  seriousA11yViolations,
  signIn,
  submitSignIn,
  ticketRow,
  waitForTicket,
} from './support/console';
import { holdNextQueuesList } from './support/held-list';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuiteWithPush } from './support/suite';

let suite: BrowserSuiteWithPush | undefined;
let browser: Browser;
let server: TestServer;
let receiver: PushReceiver;
let admin: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite({ pushReceiver: true });
  ({ server, browser, receiver } = suite);
  admin = await signedInUser(server, 'admin');
});
afterAll(() => suite?.stop());

describe('nurse console sign-in', () => {
  it('refuses a patient account with a clear message and keeps no token', async () => {
    const patient = await signedInUser(server, 'patient');
    // Followers of every department would be counted by the next test's opening.
    await api(server, 'PUT', '/api/me/preferences', {
      token: patient.token,
      body: { departments: ['LAB'], push: false, locale: 'en' },
    });
    const { context, page } = await openConsole(browser, server);
    await submitSignIn(page, patient);
    const refusal = page.getByRole('alert').filter({ hasText: 'for staff accounts' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Patients use the Queuebell app');
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(0);
    await page.screenshot({ path: artifactPath('console-patient-refused.png') });
    await context.close();
  });
});

describe('nurse console at work', () => {
  it('opens a queue with a confirmation, counts the deliveries, shows joins live, calls and completes', async () => {
    await createDepartment(server, admin.token, 'CARD', 'Cardiology');
    const patients = await createPatients(server, receiver, 3, { departments: ['CARD'] });
    const nurse = await signedInUser(server, 'nurse', { name: 'Nurse Ratched' });
    const { context, page } = await openConsoleAt(browser, server, nurse, 'Cardiology');

    // Opening: the dialog says who will be notified; the answer says how many were.
    await page.getByRole('switch', { name: 'Cardiology queue open' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open the Cardiology queue?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('All patients following Cardiology will be notified');
    await page.screenshot({ path: artifactPath('console-open-confirm.png') });
    await dialog.getByRole('button', { name: 'Open and notify patients' }).click();
    await page.getByText('Cardiology is open: 3 patients notified.').waitFor();
    expect(
      await page.getByRole('switch', { name: 'Cardiology queue open' }).getAttribute('aria-checked'),
    ).toBe('true');

    // The delivery panel follows the fan-out as the receiver accepts the pushes.
    await receiver.waitFor(3);
    await page.waitForFunction(() => {
      // This file compiles without the DOM library; the function runs in the page.
      const { document } = globalThis as unknown as {
        document: { querySelector(selector: string): { textContent: string | null } | null };
      };
      const count = (stage: string) =>
        Number(document.querySelector(`[data-stage="${stage}"] dd`)?.textContent ?? 'NaN');
      return count('total') === 3 && count('sent') + count('delivered') === 3 && count('pending') === 0;
    });
    await page.screenshot({ path: artifactPath('console-delivery.png') });

    // A patient joins through the API: the waiting list shows them without a reload.
    await page.getByRole('tab', { name: 'Waiting list' }).click();
    await page.getByText('Nobody is waiting.').waitFor();
    const first = await joinQueue(server, patients[0]!.token, 'CARD');
    const second = await joinQueue(server, patients[1]!.token, 'CARD');
    await waitForTicket(page, first, 'waiting');
    await waitForTicket(page, second, 'waiting');
    expect(await ticketRow(page, first).textContent()).toContain('Zelda Privatename 0');

    // Call next into a room: the first ticket moves to "called", now serving shows the room.
    await page.getByLabel('Room', { exact: true }).fill('Room 4');
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, first, 'called');
    expect(await ticketRow(page, first).textContent()).toContain('Called to Room 4');
    await page.getByRole('list', { name: 'Now serving in Cardiology' }).getByText(first).waitFor();

    // Keyboard: C completes the ticket this console called; N typed into a field calls nobody.
    const room = page.getByLabel('Room', { exact: true });
    await room.press('End');
    await room.press('n');
    expect(await room.inputValue()).toBe('Room 4n');
    await room.fill('Room 4');
    await room.blur();
    await page.keyboard.press('c');
    await ticketRow(page, first).waitFor({ state: 'detached' });
    const listed = await api<Array<{ number: string; status: string }>>(
      server,
      'GET',
      '/api/queues/CARD/tickets',
      {
        token: nurse.token,
      },
    );
    expect(listed.body.map(({ number, status }) => [number, status])).toEqual([[second, 'waiting']]);

    // Priority with a reason, recorded by the server.
    await ticketRow(page, second)
      .getByRole('button', { name: `Change priority of ${second}` })
      .click();
    const priority = page.getByRole('dialog');
    await priority.getByLabel('Urgent').check();
    await priority.getByLabel(/Reason/).fill('Chest pain');
    await priority.getByRole('button', { name: 'Change priority' }).click();
    await ticketRow(page, second).getByText('Urgent').waitFor();
    await page.screenshot({ path: artifactPath('console-waiting-list.png'), fullPage: true });

    expect(await seriousA11yViolations(page)).toEqual([]);

    // The day's figures include what just happened: two joined, one served.
    await page.getByRole('tab', { name: "Today's metrics" }).click();
    await page.getByRole('img', { name: /Patients per hour\. .*2 joined, 1 served/ }).waitFor();
    await page.screenshot({ path: artifactPath('console-metrics-day.png'), fullPage: true });
    await context.close();
  });

  it('shows only the departments this nurse works with, remembers them, and alerts only for those', async () => {
    await createDepartment(server, admin.token, 'NEURO', 'Neurology');
    await createDepartment(server, admin.token, 'ORTH', 'Orthopaedics');
    const [first, second] = await createPatients(server, null, 2, { departments: ['LAB'] });
    const nurse = await signedInUser(server, 'nurse');
    const { context, page } = await openConsole(browser, server);
    // Desktop alerts as the browser shows them, recorded: a Notification that the nurse has allowed.
    await context.addInitScript(`(() => {
      const shown = [];
      window.shownAlerts = shown;
      window.Notification = class {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        constructor(title, options) { shown.push({ title, body: options?.body ?? '' }); }
      };
    })()`);
    await page.reload();
    await signIn(page, nurse);
    const boardCodes = () =>
      page
        .getByRole('list', { name: 'Departments' })
        .locator('[data-department]')
        .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-department')));
    expect(await boardCodes()).toEqual(expect.arrayContaining(['NEURO', 'ORTH', 'CARD']));

    await page.locator('summary', { hasText: 'Departments I work with' }).click();
    await page.getByRole('checkbox', { name: /Orthopaedics/ }).check();
    await expect.poll(boardCodes).toEqual(['ORTH']);
    await page.getByRole('heading', { level: 2, name: /Orthopaedics/ }).waitFor();

    // Both queues open and someone joins each: only the nurse's own department alerts.
    for (const code of ['NEURO', 'ORTH']) {
      expect((await api(server, 'POST', `/api/queues/${code}/open`, { token: nurse.token })).status).toBe(
        200,
      );
    }
    await page
      .getByRole('switch', { name: 'Orthopaedics queue open' })
      .and(page.locator('[aria-checked="true"]'))
      .waitFor();
    await joinQueue(server, first!.token, 'NEURO');
    await joinQueue(server, second!.token, 'ORTH');
    await expect
      .poll(() => page.evaluate<Array<{ title: string }>>('window.shownAlerts'))
      .toEqual([
        { title: 'Patient waiting in Orthopaedics', body: 'Someone joined the empty Orthopaedics queue.' },
      ]);

    // Remembered on this computer, and undone with one click.
    await page.reload();
    await page.getByRole('list', { name: 'Departments' }).waitFor();
    expect(await boardCodes()).toEqual(['ORTH']);
    await page.locator('summary', { hasText: 'Departments I work with' }).click();
    await page.getByRole('button', { name: 'Show all departments' }).click();
    await expect.poll(boardCodes).toEqual(expect.arrayContaining(['NEURO', 'ORTH', 'CARD']));
    await context.close();
  });

  it('two consoles calling at once get different patients, and both lists converge', async () => {
    await createDepartment(server, admin.token, 'DERM', 'Dermatology');
    const nurse = await signedInUser(server, 'nurse');
    await api(server, 'POST', '/api/queues/DERM/open', { token: nurse.token });
    const patients = await createPatients(server, null, 3);
    const numbers: string[] = [];
    for (const patient of patients) numbers.push(await joinQueue(server, patient.token, 'DERM'));

    const consoles = await Promise.all([openConsole(browser, server), openConsole(browser, server)]);
    for (const [index, { page }] of consoles.entries()) {
      await signIn(page, nurse);
      await selectDepartment(page, 'Dermatology');
      await page.getByLabel('Room', { exact: true }).fill(`Room ${index + 1}`);
      await waitForTicket(page, numbers[2]!, 'waiting');
    }

    await Promise.all(consoles.map(({ page }) => page.getByRole('button', { name: /Call next/ }).click()));
    const called = await Promise.all(
      consoles.map(async ({ page }) => {
        const line = page.getByRole('status').filter({ hasText: /^Called / });
        await line.waitFor();
        return /Called (\S+)/.exec((await line.textContent()) ?? '')?.[1];
      }),
    );
    expect(new Set(called).size).toBe(2);
    expect([...called].sort()).toEqual([numbers[0], numbers[1]]);

    // Each console sees both calls (its own and the other's) and the one still waiting.
    for (const { page } of consoles) {
      await waitForTicket(page, numbers[0]!, 'called');
      await waitForTicket(page, numbers[1]!, 'called');
      await waitForTicket(page, numbers[2]!, 'waiting');
    }
    // A step the other console already took is refused by the server and shown, not applied twice.
    const [one, two] = consoles;
    await ticketRow(one!.page, numbers[0]!)
      .getByRole('button', { name: `No-show ${numbers[0]}` })
      .click();
    await ticketRow(two!.page, numbers[0]!).waitFor({ state: 'detached' });
    await consoles[1]!.page.screenshot({ path: artifactPath('console-second-window.png') });
    for (const { context } of consoles) await context.close();
  });

  it('shows a queue that opened while its list was being read again after a reconnection', async () => {
    await createDepartment(server, admin.token, 'RACE', 'Radiology');
    const nurse = await signedInUser(server, 'nurse');
    const { context, page } = await openConsoleAt(browser, server, nurse, 'Radiology');
    const toggle = page.getByRole('switch', { name: 'Radiology queue open' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');

    // The list read on reconnection is held back until the queue has opened and the event has arrived.
    const held = await holdNextQueuesList(page, 'RACE', { department: 'ZZMARK', name: 'Marker ward' });
    await context.setOffline(true);
    await page.getByRole('alert').filter({ hasText: 'Not connected' }).waitFor();
    await context.setOffline(false);
    await held.read;

    await api(server, 'POST', '/api/queues/RACE/open', { token: nurse.token });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    held.release();
    await page
      .getByRole('button', { name: /Marker ward/ })
      .first()
      .waitFor();
    // The older list may show it closed for a moment; the read after it shows it open again.
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await context.close();
  });

  it('shows the API’s validation and overlap messages in the schedule editor', async () => {
    await createDepartment(server, admin.token, 'ENT', 'Ear nose throat');
    const nurse = await signedInUser(server, 'nurse');
    const { context, page } = await openConsoleAt(browser, server, nurse, 'Ear nose throat');
    await page.getByRole('tab', { name: 'Schedules' }).click();

    // 400: the same start and end time.
    await page.getByRole('button', { name: 'Add schedule' }).click();
    const form = page.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('Opens at').fill('09:00');
    await form.getByLabel('Closes at').fill('09:00');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    const invalid = form.getByRole('alert');
    await invalid.waitFor();
    expect(await invalid.textContent()).toContain('endTime: must differ from startTime');

    // Saved, then 409: a second schedule overlapping the first.
    await form.getByLabel('Closes at').fill('12:00');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByRole('table', { name: 'Schedules' }).getByText('09:00–12:00').waitFor();
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await form.getByLabel('Opens at').fill('11:00');
    await form.getByLabel('Closes at').fill('13:00');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await form.getByRole('alert').waitFor();
    const overlap = await api<{ error: { message: string } }>(server, 'POST', '/api/schedules', {
      token: nurse.token,
      body: { department: 'ENT', daysOfWeek: [1], startTime: '11:00', endTime: '13:00' },
    });
    expect(overlap.status).toBe(409);
    expect(await form.getByRole('alert').textContent()).toContain(overlap.body.error.message);
    await page.screenshot({ path: artifactPath('console-schedules.png') });

    // The audit log and metrics render for the department too, and stay accessible.
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByText('has not been opened or closed yet').waitFor();
    await page.getByRole('tab', { name: "Today's metrics" }).click();
    await page.getByRole('figure').first().waitFor();
    await page.screenshot({ path: artifactPath('console-metrics.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });
});

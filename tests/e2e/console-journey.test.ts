import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../support/browser';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { createDepartment, joinQueue, openConsoleAt, ticketRow, waitForTicket } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let admin: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin');
});
afterAll(() => suite?.stop());

async function openQueue(code: string, name: string, nurseToken: string): Promise<void> {
  await createDepartment(server, admin.token, code, name);
  await api(server, 'POST', `/api/queues/${code}/open`, { token: nurseToken });
}

describe("the patient's way in the console", () => {
  it('transfers, requeues, undoes, shows a reply live and the ticket’s timeline', async () => {
    const nurse = await signedInUser(server, 'nurse', { name: 'Nurse Joy' });
    await openQueue('GP', 'General practice', nurse.token);
    await openQueue('XRAY', 'Radiology', nurse.token);
    const patients = await Promise.all(
      [0, 1].map(() => signedInUser(server, 'patient', { name: 'Zelda Privatename' })),
    );
    const first = await joinQueue(server, patients[0]!.token, 'GP');
    const second = await joinQueue(server, patients[1]!.token, 'GP');
    const { context, page } = await openConsoleAt(browser, server, nurse, 'General practice');
    await page.getByRole('tab', { name: 'Waiting list' }).click();
    await waitForTicket(page, first, 'waiting');

    // Call the first patient; their answer from the app shows on the row at once.
    await page.getByLabel('Room', { exact: true }).fill('Room 2');
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, first, 'called');
    const firstId = (
      await api<Array<{ id: number; number: string }>>(server, 'GET', '/api/tickets/mine', {
        token: patients[0]!.token,
      })
    ).body[0]!.id;
    await api(server, 'POST', `/api/tickets/${firstId}/reply`, {
      token: patients[0]!.token,
      body: { reply: 'need_more_time' },
    });
    await ticketRow(page, first).getByText(`${first}: needs a few more minutes`).waitFor();
    // A console opened after the answer shows it too, read with the ticket.
    const colleague = await signedInUser(server, 'nurse', { name: 'Nurse Kay' });
    const later = await openConsoleAt(browser, server, colleague, 'General practice');
    await later.page.getByRole('tab', { name: 'Waiting list' }).click();
    await ticketRow(later.page, first).getByText(`${first}: needs a few more minutes`).waitFor();
    await later.context.close();

    // Requeue to the front: waiting again, first in line; the Undo beside the message puts it back.
    // Its name starts with its visible words (WCAG 2.5.3), then the ticket it acts on.
    await page.getByRole('button', { name: `To front (${first})` }).click();
    await waitForTicket(page, first, 'waiting');
    expect(await ticketRow(page, first).textContent()).toContain('#1');
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await waitForTicket(page, first, 'called');
    await page.getByText(`Undone: ${first} is back as it was.`).waitFor();

    // Transfer to Radiology: the dialog lists the departments open now.
    await page.getByRole('button', { name: `Transfer ${first}` }).click();
    const dialog = page.getByRole('dialog', { name: `Transfer ${first} (Zelda Privatename)` });
    await dialog.waitFor();
    await dialog.getByLabel('Radiology (XRAY)').check();
    await dialog.getByLabel('Note (optional, kept in the history)').fill('Chest X-ray');
    await page.screenshot({ path: artifactPath('console-transfer.png') });
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await page.getByText(`${first} is now XRAY-001.`).waitFor();
    await ticketRow(page, first).waitFor({ state: 'detached' });
    const radiology = await api<Array<{ number: string; transferredFrom: { number: string } | null }>>(
      server,
      'GET',
      '/api/queues/XRAY/tickets',
      { token: nurse.token },
    );
    expect(radiology.body.map((ticket) => [ticket.number, ticket.transferredFrom?.number])).toEqual([
      ['XRAY-001', first],
    ]);

    // The second patient's timeline: joined, called by this nurse, the undo on the ticket itself.
    await page.getByRole('button', { name: /Call next/ }).click();
    await waitForTicket(page, second, 'called');
    await page.getByRole('button', { name: `Undo the last step of ${second}` }).click();
    await waitForTicket(page, second, 'waiting');
    await page.getByRole('button', { name: `History of ${second}` }).click();
    const timeline = page.getByRole('list', { name: `History of ${second}` });
    await timeline.locator('li[data-kind="undone"]').waitFor();
    const steps = await timeline.locator('li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('Joined');
    expect(steps[1]).toContain('Called to Room 2');
    expect(steps[1]).toContain('by Nurse Joy');
    expect(steps[1]).toContain('(undone)');
    expect(steps[2]).toContain('Undid a step');
    await page.screenshot({ path: artifactPath('console-timeline.png') });
    await context.close();
  });
});

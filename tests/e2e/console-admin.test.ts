import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department } from '../../shared/schemas';
import type { AdminLogPage } from '../../shared/staff';
import { artifactPath } from '../support/browser';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { createDepartment, openConsole, seriousA11yViolations, signIn } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The console's admin pages in Chromium: staff (create with a one-time password, disable), a
 * department's settings, and the admin log; nurses never see them.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let admin: { token: string; email: string; password: string };

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin', { name: 'Admin Okafor' });
  await createDepartment(server, admin.token, 'HAEM', 'Haematology');
  await createDepartment(server, admin.token, 'DERM', 'Dermatology');
});
afterAll(() => suite?.stop());

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

const adminTab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

describe('console admin pages', () => {
  it('creates a nurse for one department, shows the password once, and disables them', async () => {
    const { context, page } = await openConsole(browser, server);
    await signIn(page, admin);
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'New staff account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a staff account' });
    await dialog.getByLabel('Email').fill('nurse.lab@test.example');
    await dialog.getByLabel('Name').fill('Nurse Lab');
    await dialog.getByLabel('Role').selectOption('nurse');
    await dialog.getByLabel('All departments, including future ones').uncheck();
    await dialog.getByLabel(/Haematology/).check();
    // This server sends no email: no invitation is offered, only the password shown once.
    expect(await dialog.getByLabel(/Email an invitation/).count()).toBe(0);
    await expectNoSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Create the account' }).click();

    const shown = page.getByRole('dialog', { name: 'One-time password for Nurse Lab' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('shown only once');
    const password = await shown.getByLabel('One-time password').inputValue();
    expect(password.length).toBeGreaterThanOrEqual(8);
    await page.screenshot({ path: artifactPath('console-admin-password.png') });
    await shown.getByRole('button', { name: 'Done' }).click();

    const row = page.locator('tr[data-staff="nurse.lab@test.example"]');
    expect(await row.textContent()).toContain('HAEM');
    // The generated password signs in.
    const login = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'nurse.lab@test.example', password },
    });
    expect(login.status).toBe(200);

    // The same email again is refused, in words.
    await page.getByRole('button', { name: 'New staff account' }).click();
    const again = page.getByRole('dialog', { name: 'Create a staff account' });
    await again.getByLabel('Email').fill('nurse.lab@test.example');
    await again.getByLabel('Name').fill('Nurse Lab Again');
    await again.getByRole('button', { name: 'Create the account' }).click();
    await again.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();

    await page.getByLabel('Search by name or email').fill('nurse.lab');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Disable Nurse Lab' }).click();
    await page.locator('tr[data-staff="nurse.lab@test.example"][data-disabled="true"]').waitFor();
    expect(await row.textContent()).toContain('Disabled');
    await context.close();
  });

  it('edits a department: name, rooms and escalation delay, visible through the API', async () => {
    const { context, page } = await openConsole(browser, server);
    await signIn(page, admin);
    await page.getByRole('button', { name: 'Administration' }).click();
    await adminTab(page, 'Departments').click();
    await page.getByRole('button', { name: 'Edit Dermatology' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings of Dermatology' });
    await dialog.getByLabel('Name', { exact: true }).fill('Dermatology clinic');
    for (const room of ['Room 1', 'Room 2', 'Room 3']) {
      await dialog.getByLabel('New room').fill(room);
      await dialog.getByRole('button', { name: 'Add the room' }).click();
    }
    await dialog.getByRole('button', { name: 'Remove Room 2' }).click();
    await dialog.getByLabel('Escalation delay in seconds (10–600)').fill('90');
    await expectNoSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Save the settings' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The settings of Dermatology clinic are saved.' })
      .waitFor();
    // The list is read again after the save's message: wait for the row to show it.
    const row = page.locator('tr[data-department="DERM"]');
    await row.filter({ hasText: 'Room 1, Room 3' }).waitFor();
    expect(await row.textContent()).toContain('Room 1, Room 3');
    await expectNoSeriousViolations(page);

    const read = await api<Department[]>(server, 'GET', '/api/departments', { token: admin.token });
    const derm = read.body.find((department) => department.code === 'DERM');
    expect(derm).toMatchObject({
      name: 'Dermatology clinic',
      rooms: ['Room 1', 'Room 3'],
      escalateAfterSeconds: 90,
    });

    // The log shows what was done, newest first, with before and after.
    await adminTab(page, 'Admin log').click();
    const table = page.getByRole('table', { name: 'Admin log, newest first' });
    await table.waitFor();
    const first = table.locator('tbody tr').first();
    expect(await first.getAttribute('data-action')).toBe('department.updated');
    expect(await first.textContent()).toContain('Admin Okafor');
    expect(await first.textContent()).toContain('escalateAfterSeconds: 30 → 90');
    await table.locator('tr[data-action="staff.created"]').first().waitFor();
    await expectNoSeriousViolations(page);
    await page.screenshot({ path: artifactPath('console-admin-log.png') });

    const log = await api<AdminLogPage>(server, 'GET', '/api/admin/log', { token: admin.token });
    expect(log.body.items[0]?.action).toBe('department.updated');
    await context.close();
  });

  it('shows a nurse no admin pages', async () => {
    const nurse = await signedInUser(server, 'nurse');
    const { context, page } = await openConsole(browser, server);
    await signIn(page, nurse);
    expect(await page.getByRole('button', { name: 'Administration' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Staff accounts' }).count()).toBe(0);
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStatus } from '../../shared/schemas';
import type { Staff } from '../../shared/staff';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { startTestSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';
import { createDepartment, openConsole, seriousA11yViolations, signIn } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The admin pages' harder cases in Chromium: the last active admin cannot take themselves out (and the
 * page says why), a role changes, a password reset shows the new password once, a department is archived,
 * and, on a server with email, a new account is invited by email instead of shown a password.
 */

let smtp: TestSmtpServer;
let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let admin: { token: string; id: number; email: string; password: string };

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  suite = await startBrowserSuite({ env: { SMTP_URL: smtp.url } });
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin', { name: 'Admin Mensah' });
  // This admin is the only active one: any other (a first start's) is disabled.
  const staff = await api<Staff[]>(server, 'GET', '/api/staff', { token: admin.token });
  for (const member of staff.body.filter((other) => other.role === 'admin' && other.id !== admin.id)) {
    await api(server, 'PATCH', `/api/staff/${member.id}`, { token: admin.token, body: { disabled: true } });
  }
  await createDepartment(server, admin.token, 'ONCO', 'Oncology');
});
afterAll(async () => {
  await suite?.stop();
  await smtp?.close();
});

async function expectNoSeriousViolations(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

async function openAdmin(page: Page): Promise<void> {
  await signIn(page, admin);
  await page.getByRole('button', { name: 'Administration' }).click();
  await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
}

const staffRow = (page: Page, email: string) => page.locator(`tr[data-staff="${email}"]`);

async function roleOf(id: number): Promise<string | undefined> {
  const staff = await api<Staff[]>(server, 'GET', '/api/staff', { token: admin.token });
  return staff.body.find((member) => member.id === id)?.role;
}

describe('console admin pages: accounts and departments', () => {
  it('refuses, in words, to disable or demote the last active admin', async () => {
    const { context, page } = await openConsole(browser, server);
    await openAdmin(page);
    await page.getByRole('button', { name: 'Disable Admin Mensah' }).click();
    await page.getByRole('alert').filter({ hasText: 'This is the last active admin' }).waitFor();
    await expectNoSeriousViolations(page);
    expect(await staffRow(page, admin.email).getAttribute('data-disabled')).toBe('false');

    await page.getByRole('button', { name: 'Edit Admin Mensah' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Admin Mensah' });
    await dialog.getByLabel('Role').selectOption('nurse');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'This is the last active admin' }).waitFor();
    await expectNoSeriousViolations(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await roleOf(admin.id)).toBe('admin');
    // Still signed in and an admin: the refusal changed nothing.
    expect((await api(server, 'GET', '/api/staff', { token: admin.token })).status).toBe(200);
    await context.close();
  });

  it("changes a nurse's role, and resets their password: the new one shown once, the old one dead", async () => {
    const nurse = await signedInUser(server, 'nurse', { name: 'Nurse Achterberg' });
    const { context, page } = await openConsole(browser, server);
    await openAdmin(page);
    const row = staffRow(page, nurse.email);

    await page.getByRole('button', { name: 'Edit Nurse Achterberg' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Nurse Achterberg' });
    await edit.getByLabel('Role').selectOption('admin');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(async () => row.textContent()).toContain('Administrator');
    expect(await roleOf(nurse.id)).toBe('admin');

    await page.getByRole('button', { name: 'Reset password for Nurse Achterberg' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset the password of Nurse Achterberg?' });
    await expectNoSeriousViolations(page);
    await confirm.getByRole('button', { name: 'Reset the password' }).click();
    const shown = page.getByRole('dialog', { name: 'One-time password for Nurse Achterberg' });
    await shown.waitFor();
    expect(await shown.textContent()).toContain('shown only once');
    const password = await shown.getByLabel('One-time password').inputValue();
    expect(password).not.toBe(nurse.password);
    await expectNoSeriousViolations(page);

    const login = (secret: string) =>
      api(server, 'POST', '/api/auth/login', { body: { email: nurse.email, password: secret } });
    expect((await login(nurse.password)).status).toBe(401);
    expect((await login(password)).status).toBe(200);
    // Their session from before the reset ended at once.
    expect((await api(server, 'GET', '/api/me', { token: nurse.token })).status).toBe(401);

    // Once closed, the password is nowhere on the page.
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(password);
    await context.close();
  });

  it('archives a department: it leaves the public list and shows as archived', async () => {
    const { context, page } = await openConsole(browser, server);
    await openAdmin(page);
    await page.getByRole('tab', { name: 'Departments', exact: true }).click();
    await page.getByRole('button', { name: 'Edit Oncology' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings of Oncology' });
    await dialog.getByLabel('Archived').check();
    await dialog.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByRole('status').filter({ hasText: 'The settings of Oncology are saved.' }).waitFor();
    const row = page.locator('tr[data-department="ONCO"]');
    expect(await row.textContent()).toContain('Archived');
    await expectNoSeriousViolations(page);

    const queues = await api<QueueStatus[]>(server, 'GET', '/api/queues');
    expect(queues.body.map((queue) => queue.department)).not.toContain('ONCO');
    const patient = await signedInUser(server, 'patient');
    const join = await api(server, 'POST', '/api/queues/ONCO/tickets', { token: patient.token });
    expect(join.body).toMatchObject({ error: { code: 'department_archived' } });
    await context.close();
  });

  it('invites a new account by email when the server has email, showing no password', async () => {
    const { context, page } = await openConsole(browser, server);
    await openAdmin(page);
    await page.getByRole('button', { name: 'New staff account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a staff account' });
    await dialog.getByLabel('Email', { exact: true }).fill('invited.by.page@test.example');
    await dialog.getByLabel('Name').fill('Nurse Invited');
    await dialog.getByLabel(/Email an invitation/).check();
    await expectNoSeriousViolations(page);
    const before = smtp.messages.length;
    await dialog.getByRole('button', { name: 'Create the account' }).click();

    await page
      .getByRole('status')
      .filter({
        hasText: 'An invitation with a one-time password was emailed to invited.by.page@test.example.',
      })
      .waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await staffRow(page, 'invited.by.page@test.example').waitFor();
    const [mail] = (await smtp.waitForMessages(before + 1)).slice(before);
    expect(mail?.subject).toBe('Your Queuebell staff account');
    const password = /One-time password: (\S+)/.exec(mail?.text ?? '')?.[1];
    expect(password).toBeDefined();
    expect(await page.content()).not.toContain(password!);
    const login = await api(server, 'POST', '/api/auth/login', {
      body: { email: 'invited.by.page@test.example', password },
    });
    expect(login.status).toBe(200);
    await context.close();
  });
});

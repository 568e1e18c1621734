import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { en } from '../../pwa/src/patient/i18n/en';
import type { AccountExport } from '../../shared/privacy';
import type { TestServer } from '../support/server';
import { startTestSmtpServer } from '../support/smtp-server';
import type { TestSmtpServer } from '../support/smtp-server';
import {
  hasHorizontalScroll,
  newPatient,
  openPhone,
  signUpOnPhone,
  waitLive,
  watchErrors,
} from './support/pwa';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** A patient's account in the app: the emailed reset link, a new password, their data, leaving. */
let smtp: TestSmtpServer;
let suite: BrowserSuite | undefined;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  suite = await startBrowserSuite({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Queuebell <qb@hospital.test>' } });
  ({ server, browser } = suite);
});
afterAll(async () => {
  await suite?.stop();
  await smtp.close();
});

async function accountCount(email: string): Promise<number> {
  const [row] = await server.ctx.sequelize.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM users WHERE email = :email`,
    { replacements: { email }, type: QueryTypes.SELECT },
  );
  return row?.count ?? 0;
}

it('resets the password from the emailed link on a phone, then signs in with it', async () => {
  const patient = newPatient('reset');
  const first = await signUpOnPhone(browser, server, patient);
  await first.context.close();

  const { context, page } = await openPhone(browser);
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: en.account.forgot }).click();
  await page.getByLabel(en.auth.email).fill(patient.email);
  await page.getByRole('button', { name: en.account.sendLink }).click();
  await page.getByText(en.account.linkSent).waitFor();

  const [mail] = await smtp.waitForMessages(1);
  const link = /https?:\/\/[^\s]+\/reset\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no link in ${mail?.text}`);
  const url = new URL(link);
  // The link names PUBLIC_URL (here localhost); the test server listens on 127.0.0.1.
  await page.goto(`${server.url}${url.pathname}${url.search}`);
  await page.getByRole('heading', { name: en.account.resetHeading }).waitFor();
  expect(await hasHorizontalScroll(page)).toBe(false);
  // The token leaves the address bar once read.
  expect(new URL(page.url()).search).toBe('');
  await page.getByLabel(en.account.newPassword, { exact: true }).fill('my reset password');
  await page.getByRole('button', { name: en.account.resetButton }).click();
  await page.getByText(en.account.resetDone).waitFor();

  await page.getByRole('link', { name: en.account.backToSignIn }).click();
  await page.getByLabel(en.auth.email).fill(patient.email);
  await page.getByLabel(en.auth.password).fill('my reset password');
  await page.getByRole('button', { name: en.auth.signIn }).click();
  await page.waitForSelector('[data-department="OPD"]');
  expect(errors).toEqual([]);
  await context.close();
});

it('changes the password, downloads the data and deletes the account from settings', async () => {
  const patient = newPatient('leaving');
  const { context, page, errors } = await signUpOnPhone(browser, server, patient);
  await page.goto(`${server.url}/#/settings`);
  await page.getByRole('heading', { name: en.settings.heading, level: 2 }).waitFor();
  await waitLive(page);

  await page.getByLabel(en.account.currentPassword).fill(patient.password);
  await page.getByLabel(en.account.newPassword).fill('my second password');
  await page.getByRole('button', { name: en.account.changePassword }).click();
  await page.getByText(en.account.passwordChanged).waitFor();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: en.account.exportButton }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^queuebell-export-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const data = JSON.parse(await readFile(path, 'utf8')) as AccountExport;
  expect(data.user).toMatchObject({ email: patient.email, name: patient.name });
  expect(data.preferences).toHaveProperty('email');
  await page.getByText(en.account.exportDone).waitFor();

  await page.getByLabel(en.account.deletePassword).fill('my second password');
  await page.getByRole('button', { name: en.account.deleteButton }).click();
  await page.getByRole('dialog', { name: en.account.deleteConfirmTitle }).waitFor();
  expect(await accountCount(patient.email)).toBe(1);
  await page.getByRole('button', { name: en.account.deleteConfirm }).click();
  // Back to the sign-in page, and the account is gone from the server.
  await page.getByRole('heading', { name: en.auth.signInTitle }).waitFor();
  expect(await accountCount(patient.email)).toBe(0);
  expect(await page.evaluate(() => localStorage.getItem('queuebell.session'))).toBeNull();
  expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  await context.close();
});

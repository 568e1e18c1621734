import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { en } from '../../pwa/src/patient/i18n/en';
import { es } from '../../pwa/src/patient/i18n/es';
import type { TestServer } from '../support/server';
import { newPatient, signUpOnPhone, userIdOf, waitLive } from './support/pwa';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** The patient's phone and channel choices in settings, and what they are told when push cannot reach them. */
let suite: BrowserSuite | undefined;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
});
afterAll(() => suite?.stop());

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${server.url}/#/settings`);
  await page.getByRole('heading', { name: en.settings.heading, level: 2 }).waitFor();
  await waitLive(page);
}

async function storedContact(email: string): Promise<{ phone: string | null; sms_enabled: boolean }> {
  const [row] = await server.ctx.sequelize.query<{ phone: string | null; sms_enabled: boolean }>(
    'SELECT phone, sms_enabled FROM users WHERE id = :id',
    { replacements: { id: await userIdOf(server, email) }, type: QueryTypes.SELECT },
  );
  if (!row) throw new Error(`no user ${email}`);
  return row;
}

describe('contact and channels in settings', () => {
  it('saves a phone and turns SMS on; a reload shows both; removing the phone turns SMS off', async () => {
    const patient = newPatient('contact');
    const { context, page, errors } = await signUpOnPhone(browser, server, patient);
    await openSettings(page);
    const sms = page.getByRole('switch', { name: en.contact.smsLabel });
    const reachLine = page.getByTestId('reach-line');
    // Push is off on a fresh phone, email on by default: the app says a call will come by email.
    await reachLine.getByText(`${en.reach.off} ${en.reach.email}`).waitFor();
    expect(await sms.isDisabled()).toBe(true);
    expect(await page.getByRole('switch', { name: en.contact.emailLabel }).getAttribute('aria-checked')).toBe(
      'true',
    );

    const phone = page.getByLabel(en.contact.phone);
    await phone.fill('+34 612 34 56 78');
    await page.getByRole('button', { name: en.contact.savePhone }).click();
    await page.getByText(en.contact.phoneSaved).waitFor();
    expect(await phone.inputValue()).toBe('+34612345678');
    await sms.click();
    await expect.poll(() => sms.getAttribute('aria-checked')).toBe('true');
    await reachLine.getByText(`${en.reach.off} ${en.reach.sms}`).waitFor();
    expect(await storedContact(patient.email)).toEqual({ phone: '+34612345678', sms_enabled: true });

    await page.reload();
    await openSettings(page);
    await expect.poll(() => page.getByLabel(en.contact.phone).inputValue()).toBe('+34612345678');
    await expect.poll(() => sms.getAttribute('aria-checked')).toBe('true');

    await page.getByRole('button', { name: en.contact.removePhone }).click();
    await page.getByText(en.contact.phoneRemoved).waitFor();
    await expect.poll(() => sms.getAttribute('aria-checked')).toBe('false');
    await reachLine.getByText(`${en.reach.off} ${en.reach.email}`).waitFor();
    expect(await storedContact(patient.email)).toEqual({ phone: null, sms_enabled: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a bad number’s error in the patient’s language and keeps nothing of it', async () => {
    const patient = newPatient('badphone');
    const { context, page } = await signUpOnPhone(browser, server, patient);
    await openSettings(page);
    await page.getByLabel(en.settings.language).selectOption('es');
    await page.getByRole('heading', { name: es.settings.heading, level: 2 }).waitFor();

    await page.getByLabel(es.contact.phone).fill('12345');
    await page.getByRole('button', { name: es.contact.savePhone }).click();
    await page.getByText(es.errors.invalidPhone).waitFor();
    expect(await page.getByLabel(es.contact.phone).getAttribute('aria-invalid')).toBe('true');
    expect(await storedContact(patient.email)).toEqual({ phone: null, sms_enabled: false });
    await context.close();
  });

  it('on an iPhone browser tab, says the Home Screen is the way to notifications, and what comes instead', async () => {
    const patient = newPatient('iphone');
    const { context, page } = await signUpOnPhone(browser, server, patient, {
      context: { userAgent: IPHONE_SAFARI },
      // iOS Safari outside the Home Screen has no PushManager.
      prepare: (ctx) => ctx.addInitScript(() => Reflect.deleteProperty(window, 'PushManager')),
    });
    await openSettings(page);
    await page.getByTestId('push-blocker').getByText(en.push.iosHomeScreen).waitFor();
    await page.getByTestId('ios-push-guidance').getByText(en.install.iosPushOnly).waitFor();
    await page.getByTestId('reach-line').getByText(`${en.reach.unavailable} ${en.reach.email}`).waitFor();
    await context.close();
  });
});

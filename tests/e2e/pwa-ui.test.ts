import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { artifactPath } from '../support/browser';
import { signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  hasHorizontalScroll,
  newPatient,
  nurseAction,
  openPhone,
  registerThroughUi,
  seriousViolations,
  userIdOf,
  waitLive,
} from './support/pwa';
import { untranslated } from './support/pwa-i18n';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** Languages, accessibility and small screens, on every page of the patient app. */
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

async function visit(page: Page, route: 'home' | 'inbox' | 'settings'): Promise<void> {
  await page.goto(`${server.url}/#/${route === 'home' ? '' : route}`);
  await page.locator('.page-heading').waitFor();
}

describe('patient app UI', () => {
  it('switches every visible string to Spanish and French, with times in the patient’s locale', async () => {
    const { context, page } = await openPhone(browser);
    await page.goto(`${server.url}/`);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await untranslated(page, 'es')).toEqual([]);

    await page.getByRole('button', { name: '¿Es nuevo? Cree una cuenta' }).click();
    const patient = newPatient('idioma');
    await page.getByLabel('Nombre').fill(patient.name);
    await page.getByLabel('Correo electrónico').fill(patient.email);
    await page.getByLabel('Contraseña').fill(patient.password);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    const opd = page.locator('[data-department="OPD"]');
    await opd.getByText('Abierta — sin espera').waitFor();
    await waitLive(page);
    await opd.getByRole('button', { name: 'Unirse' }).click();
    await page.getByText(/^Se unió a las \d{1,2}:\d{2}$/).waitFor();
    await page.locator('[data-department="LAB"]').getByText('Cerrada').waitFor();
    expect(await untranslated(page, 'es')).toEqual([]);
    await page.screenshot({ path: artifactPath('pwa-home-es.png'), fullPage: true });

    // The server stored the registration language, and the inbox speaks it too.
    const userId = await userIdOf(server, patient.email);
    const [user] = await server.ctx.sequelize.query<{ locale: string }>(
      `SELECT locale FROM users WHERE id = :userId`,
      {
        replacements: { userId },
        type: QueryTypes.SELECT,
      },
    );
    expect(user?.locale).toBe('es');
    await page.getByRole('link', { name: /Avisos/ }).click();
    await page.getByText('Casi es su turno').waitFor();
    expect(await untranslated(page, 'es')).toEqual([]);

    await page.getByRole('link', { name: 'Ajustes' }).click();
    await page.getByLabel('Idioma').selectOption('fr');
    await page.getByRole('heading', { name: 'Réglages', level: 2 }).waitFor();
    expect(await untranslated(page, 'fr')).toEqual([]);
    await expect
      .poll(async () => {
        const [row] = await server.ctx.sequelize.query<{ locale: string }>(
          `SELECT locale FROM users WHERE id = :userId`,
          { replacements: { userId }, type: QueryTypes.SELECT },
        );
        return row?.locale;
      })
      .toBe('fr');

    for (const route of ['inbox', 'home'] as const) {
      await visit(page, route);
      expect(await untranslated(page, 'fr')).toEqual([]);
    }
    // French clocks have no AM/PM.
    await page.getByText(/^Arrivé à \d{2}:\d{2}$/).waitFor();
    await page.screenshot({ path: artifactPath('pwa-home-fr.png'), fullPage: true });

    // The choice survives a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Files', level: 2 }).waitFor();
    await context.close();
  });

  it('has no serious or critical axe violations and no horizontal scroll at 320 px or with 200% text', async () => {
    const { context, page } = await openPhone(browser, {
      context: { viewport: { width: 320, height: 640 } },
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.screenshot({ path: artifactPath('pwa-320-sign-in.png'), fullPage: true });

    await registerThroughUi(page, server, newPatient('a11y'));
    await waitLive(page);
    await page.locator('[data-department="OPD"]').getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('ticket-number').waitFor();
    await page.getByTestId('unread-count').waitFor();

    for (const route of ['home', 'inbox', 'settings'] as const) {
      await visit(page, route);
      if (route === 'inbox') await page.locator('.notification-toggle').first().click();
      expect({ route, violations: await seriousViolations(page) }).toEqual({ route, violations: [] });
      expect({ route, scroll: await hasHorizontalScroll(page) }).toEqual({ route, scroll: false });
      await page.screenshot({ path: artifactPath(`pwa-320-${route}.png`), fullPage: true });

      // Text at 200% (the browser's text-size setting scales the root font): still no sideways scroll.
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      expect({ route, scroll200: await hasHorizontalScroll(page) }).toEqual({ route, scroll200: false });
      await page.screenshot({ path: artifactPath(`pwa-320-${route}-200.png`), fullPage: true });
      await page.evaluate(() => (document.documentElement.style.fontSize = ''));
    }

    // The confirmation dialog, open.
    await visit(page, 'home');
    await page.getByRole('button', { name: 'Leave queue' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

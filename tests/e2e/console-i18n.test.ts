import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffTicket } from '../../shared/tickets';
import { artifactPath } from '../support/browser';
import { createPatients } from '../support/engine';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  createDepartment,
  joinQueue,
  openConsole,
  selectDepartment,
  seriousA11yViolations,
  waitForTicket,
} from './support/console';
import { untranslatedInConsole, untranslatedOnEveryTab } from './support/console-i18n';
import { es } from '../../electron/renderer/src/i18n/es';
import { fr } from '../../electron/renderer/src/i18n/fr';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/**
 * The console in Spanish and French: every string on every tab, dialog and banner, and the choice
 * kept across a reload. "Untranslated" compares what the page shows with the English catalogue.
 */

let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;
let nurse: { token: string; email: string; password: string };
let admin: { token: string; email: string; password: string };
let numbers: string[];

const DEPARTMENT = 'Endoscopia';

beforeAll(async () => {
  // An SMTP server nobody listens on: configured, so email counts as a way to reach a patient.
  suite = await startBrowserSuite({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
  ({ server, browser } = suite);
  admin = await signedInUser(server, 'admin', { name: 'Administradora Gil' });
  await createDepartment(server, admin.token, 'ENDO', DEPARTMENT);
  nurse = await signedInUser(server, 'nurse', { name: 'Enfermera Ruiz' });
  // Inactive, so no scheduler closes the queue mid-test; one of them runs past midnight.
  for (const [days, startTime, endTime] of [
    [[1, 2, 3, 4, 5], '08:00', '15:00'],
    [[6], '22:00', '06:00'],
  ] as const) {
    const body = { department: 'ENDO', daysOfWeek: [...days], startTime, endTime, isActive: false };
    const saved = await api(server, 'POST', '/api/schedules', { token: nurse.token, body });
    if (saved.status !== 201) throw new Error(`schedule: ${JSON.stringify(saved.body)}`);
  }
});
afterAll(() => suite?.stop());

const lang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function expectTranslated(page: Page, language: 'es' | 'fr'): Promise<void> {
  expect(await untranslatedInConsole(page, language)).toEqual([]);
}

/** Patients who follow the department: the first can be told only by the room's screen. */
async function patientsInLine(): Promise<Array<{ token: string }>> {
  const patients = await createPatients(server, null, 3, { departments: ['ENDO'] });
  await api(server, 'PUT', '/api/me/preferences', {
    token: patients[0]!.token,
    body: { departments: ['ENDO'], push: true, email: false, sms: false, locale: 'en' },
  });
  return patients;
}

async function signInInSpanish(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in to the nurse console' }).waitFor();
  expect(await lang(page)).toBe('en');
  // The check finds English where there is some: else its empty answers below would prove nothing.
  expect(await untranslatedInConsole(page, 'es')).toEqual(
    expect.arrayContaining(['Sign in to the nurse console', 'Email', 'Password', 'Queuebell console']),
  );
  await page.getByLabel('Language').selectOption('es');
  await page.getByRole('heading', { name: 'Iniciar sesión en la consola de enfermería' }).waitFor();
  expect(await lang(page)).toBe('es');
  expect(await page.title()).toBe('Consola Queuebell');
  await expectTranslated(page, 'es');

  // A wrong password is refused in Spanish, not in the server's English.
  await page.getByLabel('Correo electrónico').fill(nurse.email);
  await page.getByLabel('Contraseña').fill('not the password');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.getByRole('alert').filter({ hasText: 'El correo o la contraseña no son correctos.' }).waitFor();
  await expectTranslated(page, 'es');
  await page.screenshot({ path: artifactPath('console-sign-in-es.png') });

  await page.getByLabel('Contraseña').fill(nurse.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await page.getByRole('list', { name: 'Servicios' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Sin conexión' }).waitFor({ state: 'detached' });
  await selectDepartment(page, DEPARTMENT);
}

async function openTheQueue(page: Page): Promise<void> {
  await page.getByRole('switch', { name: `Cola de ${DEPARTMENT} abierta` }).click();
  const dialog = page.getByRole('dialog', { name: `¿Abrir la cola de ${DEPARTMENT}?` });
  await dialog.waitFor();
  await expectTranslated(page, 'es');
  await dialog.getByRole('button', { name: 'Abrir y avisar a los pacientes' }).click();
  await page.getByText(/^La cola de Endoscopia está abierta: se ha avisado a 3 pacientes\./).waitFor();
  // The delivery tab opens on its own after an opening.
  await page.locator('[data-stage="total"]').waitFor();
  await expectTranslated(page, 'es');
}

/** Calls the first in line and has the server say nothing reached them. */
async function callAndMiss(page: Page): Promise<void> {
  await page.getByRole('tab').first().click();
  for (const number of numbers) await waitForTicket(page, number, 'waiting');
  await page.getByLabel('Sala', { exact: true }).fill('Sala 3');
  await page.getByRole('button', { name: /Llamar al siguiente/ }).click();
  const [first] = numbers as [string];
  await waitForTicket(page, first, 'called');
  await page
    .getByRole('status')
    .filter({ hasText: `Se ha llamado a ${first}` })
    .waitFor();
  const list = await api<StaffTicket[]>(server, 'GET', '/api/queues/ENDO/tickets', { token: nurse.token });
  const called = list.body.find((ticket) => ticket.number === first)!;
  server.ctx.realtime.ticketUnreached({
    ticketId: called.id,
    department: 'ENDO',
    number: first,
    notificationId: called.lastCall!.notificationId,
  });
  await page.locator(`tr[data-ticket="${first}"][data-call="unreached"]`).waitFor();
  await page.getByRole('alert').filter({ hasText: 'no localizado' }).waitFor();
  await page.locator('.reach-display', { hasText: 'Solo pantalla' }).waitFor();
  await expectTranslated(page, 'es');
}

/** The priority and close dialogs, the department picker and the offline banner, each checked. */
async function dialogsAndBanners(page: Page): Promise<void> {
  await page.getByRole('button', { name: `Cambiar la prioridad de ${numbers[1]}` }).click();
  await page.getByRole('dialog', { name: /^Prioridad de / }).waitFor();
  await expectTranslated(page, 'es');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();

  await page.getByRole('switch', { name: `Cola de ${DEPARTMENT} abierta` }).click();
  await page.getByRole('dialog', { name: `¿Cerrar la cola de ${DEPARTMENT}?` }).waitFor();
  await expectTranslated(page, 'es');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancelar' }).click();

  await page.locator('summary', { hasText: 'Servicios con los que trabajo' }).click();
  await page.getByText('Si no marca ninguno, se muestran todos los servicios.').waitFor();
  await expectTranslated(page, 'es');
  await page.locator('summary').click();

  await page.context().setOffline(true);
  const banner = page.getByRole('alert').filter({ hasText: 'Sin conexión con el servidor Queuebell.' });
  await banner.waitFor();
  await expectTranslated(page, 'es');
  await page.context().setOffline(false);
  await banner.waitFor({ state: 'detached', timeout: 20_000 });
}

/** A new schedule refused by the API: its 400 is worded in the console's language, field by field. */
async function refusedSchedule(page: Page, language: 'es' | 'fr', expected: string): Promise<void> {
  await page.getByRole('tab').nth(2).click();
  await page.locator('section.schedules table').waitFor();
  await page.locator('section.schedules > button.primary').click();
  const form = page.locator('form.schedule-form');
  await form.locator('input[name="startTime"]').fill('09:00');
  await form.locator('input[name="endTime"]').fill('09:00');
  await form.locator('button[type="submit"]').click();
  await form.getByRole('alert').filter({ hasText: expected }).waitFor();
  await expectTranslated(page, language);
  await form.locator('button[type="button"]').click();
}

/**
 * The admin pages in a language: each page once read, and each of its dialogs opened (and cancelled),
 * found by the catalogue's own words; answers the English left, by page or dialog.
 */
async function untranslatedOnAdminPages(
  page: Page,
  language: 'es' | 'fr',
): Promise<Record<string, string[]>> {
  const words = (language === 'es' ? es : fr).admin;
  const cancel = (language === 'es' ? es : fr).common.cancel;
  const found: Record<string, string[]> = {};
  const check = async (name: string) => {
    found[name] = await untranslatedInConsole(page, language);
    expect(await seriousA11yViolations(page)).toEqual([]);
  };
  const dialog = async (name: string, open: () => Promise<void>) => {
    await open();
    await page.getByRole('dialog').waitFor();
    await check(name);
    await page.getByRole('dialog').getByRole('button', { name: cancel, exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  };
  await page.getByRole('button', { name: words.open, exact: true }).click();
  await page.locator('tr[data-staff]').first().waitFor();
  await check('staff');
  await dialog('newStaff', () => page.getByRole('button', { name: words.staff.create }).click());
  await dialog('editStaff', () => page.locator(`tr[data-staff="${nurse.email}"] button`).first().click());
  await dialog('resetPassword', () => page.locator(`tr[data-staff="${nurse.email}"] button`).last().click());
  // The last admin's refusal, as the page shows it.
  await page.locator(`tr[data-staff="${admin.email}"] button`).nth(1).click();
  await page.locator('[role="alert"].error').waitFor();
  await check('lastAdmin');

  await page.getByRole('tab', { name: words.tabs.departments, exact: true }).click();
  await page.locator('tr[data-department]').first().waitFor();
  await check('departments');
  await dialog('newDepartment', () => page.getByRole('button', { name: words.departments.create }).click());
  await dialog('departmentSettings', () => page.locator('tr[data-department="ENDO"] button').click());

  await page.getByRole('tab', { name: words.tabs.log, exact: true }).click();
  await page.locator('tr[data-action]').first().waitFor();
  await check('log');
  await page.getByRole('button', { name: words.back, exact: true }).click();
  return found;
}

describe('nurse console languages', () => {
  it('switches every visible string to Spanish and to French, and keeps the choice', async () => {
    const patients = await patientsInLine();
    const { context, page } = await openConsole(browser, server);
    await signInInSpanish(page);
    await openTheQueue(page);
    numbers = [];
    for (const patient of patients) numbers.push(await joinQueue(server, patient.token, 'ENDO'));
    await callAndMiss(page);
    await dialogsAndBanners(page);
    await refusedSchedule(page, 'es', 'Cierra a las: debe ser distinta de la hora de apertura');
    expect(await untranslatedOnEveryTab(page, 'es')).toEqual({
      queue: [],
      delivery: [],
      schedules: [],
      audit: [],
      metrics: [],
      appointments: [],
    });
    await page.getByRole('tab').first().click();
    await page.locator('table.tickets').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /Llamar al siguiente/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Se ha llamado a ${numbers[1]}` })
      .waitFor();
    await page.screenshot({ path: artifactPath('console-es.png'), fullPage: true });

    // French from the header: the messages already on screen are worded again, not left in Spanish.
    await page.getByLabel('Idioma').selectOption('fr');
    await page.getByRole('tab', { name: 'Liste d’attente' }).waitFor();
    expect(await lang(page)).toBe('fr');
    expect(await page.title()).toBe('Console Queuebell');
    await page
      .getByRole('status')
      .filter({ hasText: `${numbers[1]} (Zelda Privatename 1) appelé en Sala 3.` })
      .waitFor();
    await page.getByText(/^La file de Endoscopia est ouverte : 3 patients prévenus\./).waitFor();
    await page.getByRole('alert').filter({ hasText: 'non joint' }).waitFor();
    await expectTranslated(page, 'fr');
    await refusedSchedule(page, 'fr', 'Ferme à : doit être différente de l’heure d’ouverture');
    expect(Object.values(await untranslatedOnEveryTab(page, 'fr')).flat()).toEqual([]);
    await page.screenshot({ path: artifactPath('console-fr.png'), fullPage: true });

    // Remembered on this computer: a reload (the tab keeps its session) speaks French at once.
    await page.reload();
    await page.getByRole('list', { name: 'Services' }).waitFor();
    expect(await lang(page)).toBe('fr');
    expect(await page.title()).toBe('Console Queuebell');
    await page.getByRole('tab', { name: 'Liste d’attente' }).waitFor();
    await page.locator('table.tickets').waitFor();
    await expectTranslated(page, 'fr');

    // And back to English, the default, which the other console tests read.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('tab', { name: 'Waiting list' }).waitFor();
    expect(await lang(page)).toBe('en');
    expect(await untranslatedInConsole(page, 'fr')).toEqual(
      expect.arrayContaining(['Waiting list', 'Sign out', 'Call next', 'Queuebell console']),
    );
    await context.close();
  });

  it('speaks Spanish and French on every admin page and dialog', async () => {
    // The only active admin, so that disabling oneself is refused: any other (a first start's, whose name
    // "Administrator" is data that the check would take for English) is renamed and disabled.
    const staff = await api<Array<{ id: number; role: string; email: string }>>(server, 'GET', '/api/staff', {
      token: admin.token,
    });
    for (const other of staff.body.filter((one) => one.role === 'admin' && one.email !== admin.email)) {
      const body = { disabled: true, name: 'Primer arranque' };
      await api(server, 'PATCH', `/api/staff/${other.id}`, { token: admin.token, body });
    }
    // Something in the log for each kind of entry it words: a department changed.
    await api(server, 'PATCH', '/api/departments/ENDO', { token: admin.token, body: { rooms: ['Sala 3'] } });
    await api(server, 'PATCH', '/api/departments/ENDO', { token: admin.token, body: { rooms: [] } });
    const { context, page } = await openConsole(browser, server);
    for (const language of ['es', 'fr'] as const) {
      await page.getByLabel(language === 'es' ? 'Language' : 'Idioma').selectOption(language);
      await page.waitForFunction((wanted) => document.documentElement.lang === wanted, language);
      if (language === 'es') {
        const words = es.signIn;
        await page.getByLabel(words.email).fill(admin.email);
        await page.getByLabel(words.password).fill(admin.password);
        await page.getByRole('button', { name: words.submit }).click();
        await page.getByRole('list', { name: es.board.list }).waitFor();
      }
      const leftovers = await untranslatedOnAdminPages(page, language);
      expect(Object.entries(leftovers).filter(([, texts]) => texts.length > 0)).toEqual([]);
      await page.screenshot({ path: artifactPath(`console-admin-${language}.png`), fullPage: true });
    }
    // The check sees the admin pages' English where there is some: else its empty answers prove nothing.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('button', { name: 'Administration', exact: true }).click();
    await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
    expect(await untranslatedInConsole(page, 'fr')).toEqual(
      expect.arrayContaining(['Staff accounts', 'New staff account', 'Search by name or email']),
    );
    await context.close();
  });

  it('starts in English on a console where no language was chosen', async () => {
    const { context, page } = await openConsole(browser, server);
    await page.getByRole('heading', { name: 'Sign in to the nurse console' }).waitFor();
    expect(await lang(page)).toBe('en');
    expect(await page.title()).toBe('Queuebell console');
    await context.close();
  });
});

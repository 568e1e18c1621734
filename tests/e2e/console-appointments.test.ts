import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAppointment } from '../../shared/appointments';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { openConsoleAt } from './support/console';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

/** The console's Appointments tab: a day's list, booking a patient found by name, a CSV import with a preview. */
let suite: BrowserSuite | undefined;
let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  suite = await startBrowserSuite();
  ({ server, browser } = suite);
});
afterAll(() => suite?.stop());

const dayOf = async (token: string) =>
  (await api<StaffAppointment[]>(server, 'GET', '/api/appointments?department=OPD', { token })).body;

describe('console appointments', () => {
  it('books a patient found by name, and imports a day after a preview that shows a line error', async () => {
    const nurse = await signedInUser(server, 'nurse');
    const booked = await signedInUser(server, 'patient', { name: 'Rosalind Franklin' });
    const listed = await signedInUser(server, 'patient', { name: 'Dorothy Hodgkin' });
    const { context, page } = await openConsoleAt(browser, server, nurse, 'Outpatients');
    await page.getByRole('tab', { name: 'Appointments' }).click();
    await page.getByText('No appointments on this day.').waitFor();

    await page.getByLabel('Find a patient by name or email').fill('Rosalind');
    await page.getByLabel('Find a patient by name or email').press('Enter');
    await page.getByRole('button', { name: 'Choose Rosalind Franklin' }).click();
    await page.getByLabel('Time').fill('23:30');
    await page.getByLabel('Note (optional)').fill('fasting');
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    const table = page.getByRole('table', { name: 'Appointments of the day' });
    await table
      .getByRole('row')
      .filter({ hasText: 'Rosalind Franklin' })
      .filter({ hasText: 'Booked' })
      .waitFor();
    expect(await dayOf(nurse.token)).toEqual([
      expect.objectContaining({ patientId: booked.id, note: 'fasting', status: 'booked' }),
    ]);

    const csv = page.getByLabel('CSV lines');
    await csv.fill(`time,patient,note\n23:40,${listed.email},\n23:50,nobody@test.example,\n`);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('table', { name: 'Preview of the import' });
    await preview
      .locator('tr[data-line="2"]')
      .filter({ hasText: 'Dorothy Hodgkin' })
      .filter({ hasText: 'Ready' })
      .waitFor();
    await preview
      .locator('tr[data-line="3"]')
      .getByTestId('row-error')
      .filter({ hasText: 'No patient has this email or number.' })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Import \d+ appointments$/ }).isDisabled()).toBe(true);

    await csv.fill(`23:40,${listed.email},\n`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await preview.locator('tr[data-line="1"]').filter({ hasText: 'Ready' }).waitFor();
    await page.getByRole('button', { name: 'Import 1 appointments' }).click();
    await page.getByText('1 appointment imported.').waitFor();
    await table.getByRole('row').filter({ hasText: 'Dorothy Hodgkin' }).waitFor();
    expect((await dayOf(nurse.token)).map((row) => row.patientName)).toEqual([
      'Rosalind Franklin',
      'Dorothy Hodgkin',
    ]);

    // Cancelling from the list: the row shows it, the server holds it.
    await page.getByRole('button', { name: /Cancel appointment: Rosalind Franklin/ }).click();
    await table
      .getByRole('row')
      .filter({ hasText: 'Rosalind Franklin' })
      .filter({ hasText: 'Cancelled' })
      .waitFor();

    // Another nurse's booking, and then its cancellation, show in this console without a reload.
    const colleague = await signedInUser(server, 'nurse');
    const walkedIn = await signedInUser(server, 'patient', { name: 'Barbara McClintock' });
    const date = (await dayOf(nurse.token))[0]?.at ?? '';
    const theirs = await api<{ appointment: StaffAppointment }>(server, 'POST', '/api/appointments', {
      token: colleague.token,
      body: {
        department: 'OPD',
        patientId: walkedIn.id,
        at: new Date(Date.parse(date) + 5 * 60_000).toISOString(),
      },
    });
    const row = table.getByRole('row').filter({ hasText: 'Barbara McClintock' });
    await row.filter({ hasText: 'Booked' }).waitFor();
    await api(server, 'DELETE', `/api/appointments/${theirs.body.appointment.id}`, {
      token: colleague.token,
    });
    await row.filter({ hasText: 'Cancelled' }).waitFor();
    await context.close();
  });
});

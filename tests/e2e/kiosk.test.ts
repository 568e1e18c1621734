import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { QueueStatus } from '../../shared/schemas';
import type { Ticket } from '../../shared/tickets';
import { artifactPath } from '../support/browser';
import { createPatients } from '../support/engine';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  callNext,
  enableSound,
  finishUtterance,
  join,
  LANDSCAPE,
  openKiosk,
  openQueue,
  PORTRAIT,
  servingRow,
  speechLog,
  ticketAction,
  waitForSpoken,
} from './support/kiosk-page';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuite } from './support/suite';

let suite: BrowserSuite | undefined;
let server: TestServer;
let browser: Browser;
let nurse: string;

beforeAll(async () => {
  suite = await startBrowserSuite({ env: { SEED_DEMO: 'true' } });
  ({ server, browser } = suite);
  nurse = (await signedInUser(server, 'nurse')).token;
});
afterAll(() => suite?.stop());

async function joinAll(department: string, count: number): Promise<Ticket[]> {
  const patients = await createPatients(server, null, count);
  const tickets: Ticket[] = [];
  for (const patient of patients) tickets.push(await join(server, patient.token, department));
  return tickets;
}

function highlighted(page: Page, ticket: Ticket) {
  return servingRow(page, ticket.number).and(page.locator('[data-highlight="true"]'));
}

it('shows a call within a second and announces calls one at a time, in order, in each language, never cut', async () => {
  await openQueue(server, nurse, 'OPD');
  const [first, second] = await joinAll('OPD', 2);
  if (!first || !second) throw new Error('two tickets expected');
  const kiosk = await openKiosk(browser, server, { query: 'departments=OPD&lang=en,es' });
  const { page } = kiosk;
  await enableSound(page);

  const started = performance.now();
  await callNext(server, nurse, 'OPD', '3');
  await highlighted(page, first).waitFor();
  const shownAfterMs = performance.now() - started;
  console.log(`call shown on the kiosk ${shownAfterMs.toFixed(0)} ms after the nurse's request`);
  expect(shownAfterMs).toBeLessThan(1_000);

  // The chime first, then the voice; the second call arrives while the first is still being said.
  await waitForSpoken(page, 1);
  await callNext(server, nurse, 'OPD', '4');
  await highlighted(page, second).waitFor();
  let log = await speechLog(page);
  expect(log.spoken).toEqual([{ text: 'Ticket O P D 0 0 1, room 3', lang: 'en' }]);
  expect(log.tones).toBe(2);

  await finishUtterance(page);
  await waitForSpoken(page, 2);
  await finishUtterance(page);
  await waitForSpoken(page, 3);
  await finishUtterance(page);
  await waitForSpoken(page, 4);
  await finishUtterance(page);

  // A recall is news again: highlighted and announced once more.
  await ticketAction(server, nurse, first, 'recall');
  await highlighted(page, first).waitFor();
  await waitForSpoken(page, 5);
  await finishUtterance(page);
  await waitForSpoken(page, 6);
  await finishUtterance(page);

  log = await speechLog(page);
  expect(log.spoken.map((utterance) => `${utterance.lang}: ${utterance.text}`)).toEqual([
    'en: Ticket O P D 0 0 1, room 3',
    'es: Turno O P D 0 0 1, sala 3',
    'en: Ticket O P D 0 0 2, room 4',
    'es: Turno O P D 0 0 2, sala 4',
    'en: Ticket O P D 0 0 1, room 3',
    'es: Turno O P D 0 0 1, sala 3',
  ]);
  // Never a second sentence started over the first, never one cut short, a chime before each call.
  expect(log.overlaps).toBe(0);
  expect(log.cancels).toBe(0);
  expect(log.tones).toBe(6);
  expect(await page.locator('[data-department="OPD"] [data-testid="recent-calls"] li').count()).toBe(2);
  expect(kiosk.errors).toEqual([]);
  // The wall screen is not the patient app: it never installs the patient app's service worker.
  const workers = await page.evaluate(async () => {
    const { serviceWorker } = (globalThis as unknown as Navigatable).navigator;
    return (await serviceWorker.getRegistrations()).length;
  });
  expect(workers).toBe(0);
  await kiosk.close();
});

it('plays only the chime in chime mode and nothing when muted', async () => {
  await openQueue(server, nurse, 'PHARM');
  const [first, second, third] = await joinAll('PHARM', 3);
  if (!first || !second || !third) throw new Error('three tickets expected');
  const kiosk = await openKiosk(browser, server, { query: 'departments=PHARM&sound=chime' });
  const { page } = kiosk;
  await enableSound(page);

  await callNext(server, nurse, 'PHARM', '1');
  await highlighted(page, first).waitFor();
  await callNext(server, nurse, 'PHARM', '2');
  // The second chime rings only once the first call is done, so by then any voice would have spoken.
  await page.waitForFunction(() => (globalThis as unknown as KioskTones).__kioskSpeech.tones >= 4);
  expect((await speechLog(page)).spoken).toEqual([]);

  await page.getByRole('button', { name: 'Mute' }).click();
  await callNext(server, nurse, 'PHARM', '3');
  await highlighted(page, third).waitFor();
  const log = await speechLog(page);
  expect(log.tones).toBe(4);
  expect(log.spoken).toEqual([]);
  await kiosk.close();
});

type KioskTones = { __kioskSpeech: { tones: number } };

it('holds no patient name in the DOM after a day of scripted calls', async () => {
  const secretName = 'Ottoline Quillfeather';
  await openQueue(server, nurse, 'LAB');
  const kiosk = await openKiosk(browser, server, { query: 'departments=LAB&lang=en,es,fr' });
  const { page } = kiosk;
  const named = await signedInUser(server, 'patient', { name: secretName });
  const day = [await join(server, named.token, 'LAB'), ...(await joinAll('LAB', 14))];

  // Calls, recalls, serving, no-shows, one cancellation; the queue closes with patients still waiting.
  let room = 0;
  for (const [index, ticket] of day.slice(0, 12).entries()) {
    room = (room % 4) + 1;
    const called = await callNext(server, nurse, 'LAB', `${room}`);
    expect(called.number).toBe(ticket.number);
    if (index % 3 === 0) await ticketAction(server, nurse, called, 'recall');
    if (index % 4 === 1) await ticketAction(server, nurse, called, 'no-show');
    else if (index % 2 === 0)
      await ticketAction(server, nurse, await ticketAction(server, nurse, called, 'serve'), 'complete');
  }
  const leaving = await signedInUser(server, 'patient', { name: `${secretName} Junior` });
  const leavingTicket = await join(server, leaving.token, 'LAB');
  const cancelled = await api(server, 'DELETE', `/api/tickets/${leavingTicket.id}`, { token: leaving.token });
  expect(cancelled.status).toBe(200);
  const closed = await api(server, 'POST', '/api/queues/LAB/close', { token: nurse, body: {} });
  expect(closed.status).toBe(200);
  await page.locator('[data-department="LAB"].is-closed').waitFor();
  expect(await page.locator('[data-department="LAB"] [data-testid="recent-calls"] li').count()).toBe(5);

  const html = await page.content();
  for (const secret of [secretName, 'Quillfeather', 'Privatename', 'Zelda', '@test.example']) {
    expect(html).not.toContain(secret);
  }
  const storage = await page.evaluate(() =>
    JSON.stringify({ ...(globalThis as unknown as Window).localStorage }),
  );
  expect(storage).not.toMatch(/Quillfeather|Privatename/);
  // Bounded: five recent calls and a few now-serving rows, however long the day.
  expect(await page.locator('li').count()).toBeLessThan(20);
  await kiosk.close();
});

it('has no serious accessibility violation and is saved as screenshots for review', async () => {
  const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // A realistic board: a closing time from a schedule, a closed department, people waiting.
  const schedule = await api(server, 'POST', '/api/schedules', {
    token: nurse,
    body: { department: 'OPD', daysOfWeek: [1, 2, 3, 4, 5, 6, 7], startTime: '00:00', endTime: '23:59' },
  });
  expect(schedule.status).toBe(201);
  await openQueue(server, nurse, 'OPD');
  await openQueue(server, nurse, 'LAB');
  await api(server, 'POST', '/api/queues/PHARM/close', { token: nurse, body: {} });
  await joinAll('LAB', 2);
  const [ticket] = await joinAll('OPD', 1);
  if (!ticket) throw new Error('a ticket expected');

  for (const [name, viewport] of [
    ['kiosk-1080p.png', LANDSCAPE],
    ['kiosk-portrait.png', PORTRAIT],
    ['kiosk-4k.png', { width: 3840, height: 2160 }],
  ] as const) {
    const kiosk = await openKiosk(browser, server, { viewport, query: 'lang=en,es' });
    const { page } = kiosk;
    if (name === 'kiosk-1080p.png') {
      await callNext(server, nurse, 'OPD', '2');
      await highlighted(page, ticket).waitFor();
    }
    await page.screenshot({ path: artifactPath(name) });
    // Nothing may scroll: the page is exactly the screen.
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as Window).document.documentElement;
      return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
    });
    expect(overflow).toEqual({ x: 0, y: 0 });

    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: AxeRunner }).axe;
      const result = await axe.run((globalThis as unknown as Window).document, {
        resultTypes: ['violations'],
      });
      return result.violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.length }));
    });
    const serious = violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(serious, `${name}: ${JSON.stringify(violations)}`).toEqual([]);
    expect(kiosk.errors).toEqual([]);
    await kiosk.close();
  }
});

it('shows the wait as a range once the department has recent service times, and as minutes before', async () => {
  const admin = (await signedInUser(server, 'admin')).token;
  await api(server, 'POST', '/api/departments', { token: admin, body: { code: 'SPAN', name: 'Span' } });
  await openQueue(server, nurse, 'SPAN');
  await joinAll('SPAN', 2);
  const kiosk = await openKiosk(browser, server, { query: 'departments=SPAN&lang=en' });
  try {
    const wait = kiosk.page.locator('[data-department="SPAN"] [data-testid="estimated-wait"]');
    // No visit done yet: the point estimate.
    const before = (await api<QueueStatus>(server, 'GET', '/api/queues/SPAN')).body;
    expect(before.estimatedWaitRange).toBeNull();
    await expect.poll(() => wait.textContent()).toBe(`~${before.estimatedWaitMinutes} min`);
    // Five visits of 4 to 20 minutes, as the serve and complete steps leave them; then a join, which
    // sends the kiosk the department's new status.
    const seen = await signedInUser(server, 'patient');
    await server.ctx.sequelize.query(
      `INSERT INTO tickets (department_id, user_id, service_date, seq, number, status, serving_at, completed_at)
       SELECT d.id, :userId, current_date, 900 + m.i, 'SPAN-9' || m.i, 'done',
              now() - interval '1 hour' - make_interval(secs => m.minutes * 60), now() - interval '1 hour'
         FROM departments d, unnest(CAST('{4,8,10,14,20}' AS float8[])) WITH ORDINALITY AS m(minutes, i)
        WHERE d.code = 'SPAN'`,
      { replacements: { userId: seen.id } },
    );
    await joinAll('SPAN', 1);
    const after = (await api<QueueStatus>(server, 'GET', '/api/queues/SPAN')).body;
    const range = after.estimatedWaitRange;
    if (!range) throw new Error('a range was expected from five recent visits');
    await expect.poll(() => wait.textContent()).toBe(`about ${range.low}–${range.high} min`);
    expect(await kiosk.page.content()).not.toContain('Privatename');
  } finally {
    await kiosk.close();
  }
});

type Navigatable = { navigator: { serviceWorker: { getRegistrations(): Promise<unknown[]> } } };

/** The little of the page's globals these tests read (the test program has no DOM types). */
interface Window {
  localStorage: Record<string, string>;
  document: {
    documentElement: { scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number };
  };
}

interface AxeRunner {
  run(
    context: unknown,
    options: { resultTypes: string[] },
  ): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }>;
}

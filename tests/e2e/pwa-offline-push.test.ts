import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import type { PushPayload } from '../../shared/notifications';
import { artifactPath, newContext } from '../support/browser';
import { createPatients } from '../support/engine';
import type { Patient } from '../support/engine';
import type { PushReceiver } from '../support/push-receiver';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import {
  grantNotifications,
  newPatient,
  notificationsOf,
  nurseAction,
  openPhone,
  registerThroughUi,
  serviceWorkerReady,
  signUpOnPhone,
  userIdOf,
  waitLive,
  watchErrors,
} from './support/pwa';
import {
  allowPush,
  clickNotification,
  deliverUntilShown,
  PushDelivery,
  shownNotifications,
  subscriptionChangeInWorker,
} from './support/pwa-push';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuiteWithPush } from './support/suite';

/** The parts a phone adds: the service worker's precache (offline), web push, installability. */
let suite: BrowserSuiteWithPush | undefined;
let server: TestServer;
let receiver: PushReceiver;
let browser: Browser;
let nurse: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite({ pushReceiver: true });
  ({ server, browser, receiver } = suite);
  nurse = await signedInUser(server, 'nurse');
});
afterAll(() => suite?.stop());

async function pushFor(endpoint: string, type: string, department: string): Promise<PushPayload> {
  const endpointId = receiver.endpointIdOf(endpoint);
  const [message] = await receiver.waitFor((push) => {
    const payload = push.payload as PushPayload;
    return push.endpointId === endpointId && payload.type === type && payload.department === department;
  });
  return message?.payload as PushPayload;
}

describe('patient app on a phone', () => {
  it('turns push on from a tap; the service worker shows pushes once, by tag, and confirms delivery', async () => {
    const subscription = receiver.subscriptionFor('pwa');
    const patient = newPatient('push');
    const { context, page, errors } = await signUpOnPhone(browser, server, patient, {
      prepare: allowPush(server, subscription),
    });
    await serviceWorkerReady(page);
    await waitLive(page);
    const userId = await userIdOf(server, patient.email);

    await page.getByRole('link', { name: 'Settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Notifications on this phone' });
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    const [saved] = await server.ctx.sequelize.query<{ endpoint: string; push_enabled: boolean }>(
      `SELECT s.endpoint, u.push_enabled FROM push_subscriptions s JOIN users u ON u.id = s.user_id
        WHERE s.user_id = :userId`,
      { replacements: { userId }, type: QueryTypes.SELECT },
    );
    expect(saved).toEqual({ endpoint: subscription.endpoint, push_enabled: true });
    await page.screenshot({ path: artifactPath('pwa-settings-push-on.png'), fullPage: true });

    // Off removes this device's subscription and the account's push flag; on again restores both.
    const pushState = async () => {
      const [row] = await server.ctx.sequelize.query<{ subscriptions: number; push_enabled: boolean }>(
        `SELECT (SELECT count(*)::int FROM push_subscriptions WHERE user_id = :userId) AS subscriptions,
                push_enabled FROM users WHERE id = :userId`,
        { replacements: { userId }, type: QueryTypes.SELECT },
      );
      return row;
    };
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    await expect.poll(pushState).toEqual({ subscriptions: 0, push_enabled: false });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await expect.poll(pushState).toEqual({ subscriptions: 1, push_enabled: true });
    expect(errors).toEqual([]);

    // The app closes (no socket), so only the push can deliver what the nurses do next.
    await page.goto(`${server.url}/icons/icon-192.png`);
    const patientLogin = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      body: { email: patient.email, password: patient.password },
    });
    const token = patientLogin.body.token;
    await nurseAction(server, nurse.token, '/api/queues/OPD/open');
    await api(server, 'POST', '/api/queues/OPD/tickets', { token });
    await nurseAction(server, nurse.token, '/api/queues/OPD/call-next', { room: '4' });
    const called = await pushFor(subscription.endpoint, 'ticket_called', 'OPD');

    const delivery = await PushDelivery.open(page, server.url);
    await deliverUntilShown(delivery, page, called, String(called.id));
    expect(await shownNotifications(page, String(called.id))).toHaveLength(1);
    const [shown] = await shownNotifications(page, String(called.id));
    expect(shown).toMatchObject({
      title: called.title,
      body: called.body,
      tag: String(called.id),
      requireInteraction: true,
      data: { id: called.id, url: called.url },
    });
    await expect
      .poll(
        async () =>
          (await notificationsOf(server, userId)).find((row) => row.id === called.id)?.delivery_status,
      )
      .toBe('delivered');

    // A resend (same id) lands on the same tag: still one notification on screen.
    const before = (await shownNotifications(page)).length;
    await delivery.deliver(called);
    await delivery.deliver(called);
    await expect.poll(async () => (await shownNotifications(page)).length).toBe(before);

    // Queue-status pushes share one tag per department: "closed" replaces "open".
    await nurseAction(server, nurse.token, '/api/queues/LAB/open');
    const opened = await pushFor(subscription.endpoint, 'queue_opened', 'LAB');
    await api(server, 'POST', '/api/queues/LAB/tickets', { token });
    await nurseAction(server, nurse.token, '/api/queues/LAB/close');
    const closed = await pushFor(subscription.endpoint, 'queue_closed', 'LAB');
    await deliverUntilShown(delivery, page, opened, 'queue-status-LAB');
    expect((await shownNotifications(page, 'queue-status-LAB')).map((n) => n.title)).toEqual([opened.title]);
    await deliverUntilShown(delivery, page, closed, 'queue-status-LAB');
    expect((await shownNotifications(page, 'queue-status-LAB')).map((n) => n.title)).toEqual([closed.title]);
    await expect
      .poll(async () =>
        (await notificationsOf(server, userId))
          .filter((row) => row.id === opened.id || row.id === closed.id)
          .map((row) => row.delivery_status),
      )
      .toEqual(['delivered', 'delivered']);

    // A tap on the call while the app is open brings it to that notification in the inbox.
    await page.goto(`${server.url}/`);
    await waitLive(page);
    await clickNotification(context, String(called.id));
    await page.getByText('Please go to room 4 now. Your ticket: OPD-001.').waitFor();
    expect(await page.getByRole('button', { name: /It is your turn/ }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await page.screenshot({ path: artifactPath('pwa-opened-from-notification.png'), fullPage: true });

    expect(receiver.rejected).toEqual([]);
    await context.close();
  });

  it('shows a push in its declarative form, in its language, and confirms its receipt', async () => {
    const context = await newContext(browser);
    context.setDefaultTimeout(10_000);
    await grantNotifications(context, server);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await serviceWorkerReady(page);
    // A patient subscribed at the receiver, who reads Spanish; the server sends them a real call.
    const [patient] = (await createPatients(server, receiver, 1)) as [Patient];
    await api(server, 'PUT', '/api/me/preferences', {
      token: patient.token,
      body: { departments: 'all', push: true, locale: 'es' },
    });
    const admin = await signedInUser(server, 'admin');
    await nurseAction(server, admin.token, '/api/departments', { code: 'DERM', name: 'Dermatology' });
    await nurseAction(server, nurse.token, '/api/queues/DERM/open');
    await nurseAction(server, patient.token, '/api/queues/DERM/tickets');
    await nurseAction(server, nurse.token, '/api/queues/DERM/call-next', { room: '9' });
    const called = await pushFor(patient.endpoint ?? '', 'ticket_called', 'DERM');
    expect(called).toMatchObject({
      web_push: 8030,
      mutable: true,
      notification: { title: called.title, body: called.body, tag: String(called.id), lang: 'es' },
    });

    const delivery = await PushDelivery.open(page, server.url);
    await deliverUntilShown(delivery, page, called, called.notification.tag);
    expect(await shownNotifications(page, String(called.id))).toEqual([
      {
        title: 'Es su turno',
        body: called.body,
        tag: String(called.id),
        requireInteraction: true,
        lang: 'es',
        // A call's answers ("On my way") are posted with its ticket and receipt, from the worker alone.
        data: { id: called.id, url: called.url, ticketId: called.ticketId, receipt: called.receipt },
      },
    ]);
    await expect
      .poll(
        async () =>
          (await notificationsOf(server, patient.id)).find((row) => row.id === called.id)?.delivery_status,
      )
      .toBe('delivered');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives the server a new subscription when the browser drops its own, and never after push is off', async () => {
    const subscription = receiver.subscriptionFor('renewal');
    const patient = newPatient('renewal');
    const { context, page } = await signUpOnPhone(browser, server, patient, {
      prepare: allowPush(server, subscription),
    });
    await serviceWorkerReady(page);
    await waitLive(page);
    const userId = await userIdOf(server, patient.email);
    const endpoints = async () =>
      (
        await server.ctx.sequelize.query<{ endpoint: string }>(
          'SELECT endpoint FROM push_subscriptions WHERE user_id = :userId',
          { replacements: { userId }, type: QueryTypes.SELECT },
        )
      ).map((row) => row.endpoint);
    const forgetEverywhere = async () => {
      // The push service dropped the subscription: the browser has none, and the server deleted its
      // endpoint after the 410 that followed.
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        await (await registration.pushManager.getSubscription())?.unsubscribe();
      });
      await server.ctx.sequelize.query('DELETE FROM push_subscriptions WHERE user_id = :userId', {
        replacements: { userId },
      });
    };
    const wanted = () => page.evaluate(() => localStorage.getItem('queuebell.push.wanted'));

    await page.getByRole('link', { name: 'Settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Notifications on this phone' });
    await toggle.click();
    await expect.poll(endpoints).toEqual([subscription.endpoint]);

    // While the app is open: the worker hears pushsubscriptionchange, the app subscribes again and says so.
    await forgetEverywhere();
    await subscriptionChangeInWorker(context);
    await expect.poll(endpoints).toEqual([subscription.endpoint]);

    // With the app closed meanwhile: the next opening does it.
    await forgetEverywhere();
    await page.reload();
    await waitLive(page);
    await expect.poll(endpoints).toEqual([subscription.endpoint]);

    // Turned off here: nothing is left that would subscribe this phone again on its own.
    await page.goto(`${server.url}/#/settings`);
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await toggle.click();
    await expect.poll(endpoints).toEqual([]);
    expect(await wanted()).toBeNull();
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.ready).pushManager.getSubscription()),
    ).toBeNull();
    await context.close();
  });

  it('explains why push cannot work: permission denied, or iOS outside the home screen', async () => {
    const { context: denied, page } = await signUpOnPhone(browser, server, newPatient('denied'));
    // Playwright can only grant; the protocol can deny, for this context's profile.
    const cdp = await denied.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.send('Browser.setPermission', {
      permission: { name: 'notifications' },
      setting: 'denied',
      origin: server.url,
      browserContextId: targetInfo.browserContextId,
    });
    await page.goto(`${server.url}/#/settings`);
    await page
      .getByTestId('push-blocker')
      .filter({ hasText: 'Notifications are blocked for this site' })
      .waitFor();
    expect(await page.getByRole('switch', { name: 'Notifications on this phone' }).isDisabled()).toBe(true);
    await denied.close();

    // Safari on iOS has no PushManager outside an installed web app.
    const { context: iphone, page: ios } = await signUpOnPhone(browser, server, newPatient('ios'), {
      context: {
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      },
      prepare: (context) =>
        context.addInitScript(() => {
          delete (window as { PushManager?: unknown }).PushManager;
        }),
    });
    await ios.goto(`${server.url}/#/settings`);
    await ios.getByTestId('push-blocker').filter({ hasText: 'Add to Home Screen' }).waitFor();
    await ios.getByText('On iPhone or iPad: tap Share, then "Add to Home Screen".').waitFor();
    await ios.screenshot({ path: artifactPath('pwa-settings-ios.png'), fullPage: true });
    await iphone.close();
  });

  it('reloads offline from the precache with the last data, actions disabled, and catches up online', async () => {
    const patient = newPatient('offline');
    const { context, page } = await signUpOnPhone(browser, server, patient);
    await serviceWorkerReady(page);
    await waitLive(page);
    const userId = await userIdOf(server, patient.email);
    await nurseAction(server, nurse.token, '/api/queues/PHARM/open');
    const pharmacy = page.locator('[data-department="PHARM"]');
    await pharmacy.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('ticket-number').filter({ hasText: 'PHARM-' }).waitFor();
    await page.getByTestId('unread-count').waitFor();

    await context.setOffline(true);
    await page.reload();
    const banner = page.getByTestId('offline-banner');
    await expect.poll(() => banner.textContent()).toMatch(/^Offline — last updated \d{1,2}:\d{2}( [AP]M)?$/);
    await page.getByTestId('ticket-number').filter({ hasText: 'PHARM-' }).waitFor();
    expect(await page.getByRole('button', { name: 'Leave queue' }).isDisabled()).toBe(true);
    await page.getByText('Joining and cancelling need a connection.').waitFor();
    await page.screenshot({ path: artifactPath('pwa-offline.png'), fullPage: true });

    // Reading offline is kept and sent later, not lost.
    await page.getByRole('link', { name: /Inbox/ }).click();
    const first = page.locator('.notification-toggle').first();
    await first.click();
    await page.getByText('Will be marked as read when you are back online.').waitFor();
    expect(await page.getByRole('button', { name: 'Mark all as read' }).isDisabled()).toBe(true);

    // What happens while offline arrives after reconnecting: nothing is missing.
    const admin = await signedInUser(server, 'admin');
    await nurseAction(server, admin.token, '/api/departments', { code: 'XRAY', name: 'Radiology' });
    await nurseAction(server, nurse.token, '/api/queues/XRAY/open');
    await context.setOffline(false);
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Radiology is open/ }).waitFor();
    await page.getByText('Will be marked as read when you are back online.').waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await notificationsOf(server, userId)).some((row) => row.read_at !== null))
      .toBe(true);
    await page.getByRole('link', { name: 'Queues' }).click();
    expect(await page.getByRole('button', { name: 'Leave queue' }).isEnabled()).toBe(true);
    await context.close();
  });

  it('is installable: Chromium reports no installability errors for the manifest and service worker', async () => {
    const { context, page } = await openPhone(browser);
    await page.goto(`${server.url}/`);
    await serviceWorkerReady(page);
    const cdp = await context.newCDPSession(page);
    // Playwright's contexts are incognito profiles, which Chromium never installs from; it still checks
    // and lists every other criterion, as the kiosk page (no manifest) shows.
    const installability = async () =>
      (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors
        .map((error) => error.errorId)
        .filter((id) => id !== 'in-incognito');
    expect(await installability()).toEqual([]);
    expect((await cdp.send('Page.getAppManifest')).errors).toEqual([]);
    await page.goto(`${server.url}/kiosk`);
    expect(await installability()).toContain('no-manifest');

    // The install button appears when the browser offers installation (incognito never does, so the
    // test plays the browser's part) and hands the prompt to it.
    await registerThroughUi(page, server, newPatient('install'));
    await page.evaluate(() => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => {
          (window as { prompted?: boolean }).prompted = true;
        },
        userChoice: Promise.resolve({ outcome: 'accepted' }),
      });
      window.dispatchEvent(offer);
    });
    await page.getByRole('button', { name: 'Install Queuebell' }).click();
    await page.getByRole('button', { name: 'Install Queuebell' }).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as { prompted?: boolean }).prompted)).toBe(true);
    const manifest = await api<Record<string, unknown>>(server, 'GET', '/manifest.webmanifest');
    expect(manifest.body).toMatchObject({ display: 'standalone', start_url: '/', theme_color: '#0f766e' });
    const icons = (manifest.body.icons as Array<{ sizes: string; purpose: string }>).map(
      (icon) => `${icon.sizes} ${icon.purpose}`,
    );
    expect(icons).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { PushPayload } from '../../shared/notifications';
import type { TicketReplyEvent } from '../../shared/tickets';
import { artifactPath } from '../support/browser';
import { connectSocket, nextEvent } from '../support/engine';
import type { PushReceiver } from '../support/push-receiver';
import { api, signedInUser } from '../support/server';
import type { TestServer } from '../support/server';
import { newPatient, serviceWorkerReady, signUpOnPhone, waitLive } from './support/pwa';
import { allowPush, clickNotification, deliverUntilShown, PushDelivery } from './support/pwa-push';
import { startBrowserSuite } from './support/suite';
import type { BrowserSuiteWithPush } from './support/suite';

let suite: BrowserSuiteWithPush | undefined;
let server: TestServer;
let receiver: PushReceiver;
let browser: Browser;
let nurse: { token: string };

beforeAll(async () => {
  suite = await startBrowserSuite({ pushReceiver: true });
  ({ server, browser, receiver } = suite);
  nurse = await signedInUser(server, 'nurse');
  const admin = await signedInUser(server, 'admin');
  await api(server, 'POST', '/api/departments', {
    token: admin.token,
    body: { code: 'DERM', name: 'Dermatology' },
  });
  await api(server, 'POST', '/api/queues/DERM/open', { token: nurse.token });
});
afterAll(() => suite?.stop());

describe('answering a call', () => {
  it('from the app’s buttons and from the push’s actions, each reaching the nurse live', async () => {
    const subscription = receiver.subscriptionFor('reply');
    const patient = newPatient('reply');
    const { context, page } = await signUpOnPhone(browser, server, patient, {
      prepare: allowPush(server, subscription),
    });
    await serviceWorkerReady(page);
    await waitLive(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    const toggle = page.getByRole('switch', { name: 'Notifications on this phone' });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('link', { name: 'Queues' }).click();

    const login = await api<{ token: string }>(server, 'POST', '/api/auth/login', {
      body: { email: patient.email, password: patient.password },
    });
    await api(server, 'POST', '/api/queues/DERM/tickets', { token: login.body.token });
    const staff = await connectSocket(server, nurse.token);
    await api(server, 'POST', '/api/queues/DERM/call-next', { token: nurse.token, body: { room: '5' } });

    // The app's called ticket offers both answers; one tap tells the nurse.
    await page.getByTestId('ticket-call').waitFor();
    const fromApp = nextEvent(staff, 'ticket:reply');
    await page.getByRole('button', { name: 'On my way' }).click();
    expect(((await fromApp) as [TicketReplyEvent])[0]).toMatchObject({
      department: 'DERM',
      reply: 'on_my_way',
    });
    await page.getByTestId('reply-sent').waitFor();
    await page.screenshot({ path: artifactPath('pwa-call-reply.png'), fullPage: true });

    // The call's push shows the two actions; the worker posts the chosen one with its receipt.
    const endpointId = receiver.endpointIdOf(subscription.endpoint);
    const [message] = await receiver.waitFor(
      (push) => push.endpointId === endpointId && (push.payload as PushPayload).type === 'ticket_called',
    );
    const called = message?.payload as PushPayload;
    const delivery = await PushDelivery.open(page, server.url);
    await deliverUntilShown(delivery, page, called, String(called.id));
    const actions = await page.evaluate(async (tag) => {
      const registration = await navigator.serviceWorker.getRegistration();
      const [shown] = (await registration?.getNotifications({ tag })) ?? [];
      return (shown as (Notification & { actions?: Array<{ action: string; title: string }> }) | undefined)
        ?.actions;
    }, String(called.id));
    expect(actions?.map(({ action, title }) => ({ action, title }))).toEqual([
      { action: 'on_my_way', title: 'On my way' },
      { action: 'need_more_time', title: 'I need a few more minutes' },
    ]);
    const fromPush = nextEvent(staff, 'ticket:reply');
    await clickNotification(context, String(called.id), 'need_more_time');
    expect(((await fromPush) as [TicketReplyEvent])[0]).toMatchObject({
      department: 'DERM',
      reply: 'need_more_time',
    });
    staff.close();
    await context.close();
  });
});

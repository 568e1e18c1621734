/// <reference lib="dom" />
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PushPayload } from '../../../shared/notifications';
import type { BrowserPushSubscription } from '../../support/push-receiver';
import type { TestServer } from '../../support/server';
import { grantNotifications } from './pwa';

/**
 * Headless Chromium has no push service, so PushManager is replaced in the page by one that hands out
 * a subscription at the test's push receiver: the server then sends real, encrypted pushes there, and
 * the test hands their decrypted payloads to the service worker through the DevTools protocol.
 */
export async function stubPushManager(context: BrowserContext, subscription: BrowserPushSubscription) {
  await context.addInitScript((fake: BrowserPushSubscription) => {
    let current: PushSubscription | null = null;
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      current = {
        endpoint: fake.endpoint,
        expirationTime: null,
        options: { applicationServerKey: options?.applicationServerKey ?? null, userVisibleOnly: true },
        toJSON: () => fake,
        getKey: () => null,
        unsubscribe: async () => {
          current = null;
          return true;
        },
      } as unknown as PushSubscription;
      return current;
    };
    PushManager.prototype.getSubscription = async () => current;
  }, subscription);
}

/** A phone's `prepare` for push: notifications allowed, and PushManager handing out `subscription`. */
export function allowPush(server: TestServer, subscription: BrowserPushSubscription) {
  return async (context: BrowserContext): Promise<void> => {
    await grantNotifications(context, server);
    await stubPushManager(context, subscription);
  };
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  requireInteraction: boolean;
  /** The language the worker declared for the words ('' when none). */
  lang: string;
  data: { id?: number; url?: string } | null;
}

/** The system notifications the service worker is showing, read through its registration. */
export function shownNotifications(page: Page, tag?: string): Promise<ShownNotification[]> {
  return page.evaluate(async (filter) => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) throw new Error('no service worker registration');
    const shown = await registration.getNotifications(filter ? { tag: filter } : undefined);
    return shown.map((notification) => ({
      title: notification.title,
      body: notification.body,
      tag: notification.tag,
      requireInteraction: notification.requireInteraction,
      lang: notification.lang,
      data: notification.data as ShownNotification['data'],
    }));
  }, tag);
}

interface RegistrationsEvent {
  registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }>;
}

/** Delivers pushes to the origin's service worker as the browser's push service would. */
export class PushDelivery {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly origin: string,
    private readonly registrationId: string,
  ) {}

  static async open(page: Page, origin: string): Promise<PushDelivery> {
    const cdp = await page.context().newCDPSession(page);
    const scope = `${origin}/`;
    const found = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: RegistrationsEvent) => {
        const match = event.registrations.find((entry) => entry.scopeURL === scope && !entry.isDeleted);
        if (match) resolve(match.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    return new PushDelivery(cdp, origin, await found);
  }

  async deliver(payload: PushPayload): Promise<void> {
    await this.cdp.send('ServiceWorker.deliverPushMessage', {
      origin: this.origin,
      registrationId: this.registrationId,
      data: JSON.stringify(payload),
    });
  }
}

/**
 * Plays a tap on a shown notification: the service worker receives `notificationclick` for it. There is
 * no protocol command for a tap, so the event is dispatched in the worker; being synthetic, it carries no
 * user activation, which is enough for the open-window branch's message but not to open a new window.
 * `action` plays a tap on one of the notification's buttons (a call's "On my way") instead of its body.
 */
export async function clickNotification(context: BrowserContext, tag: string, action = ''): Promise<void> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker running');
  await worker.evaluate(
    async ({ wanted, chosen }) => {
      // The worker's globals, typed here by hand: the webworker library would clash with the DOM's.
      interface WorkerScope {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: { notification: Notification; action: string }) => Event;
      }
      const scope = self as unknown as WorkerScope;
      const [notification] = await scope.registration.getNotifications({ tag: wanted });
      if (!notification) throw new Error(`no notification tagged ${wanted}`);
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification, action: chosen }));
    },
    { wanted: tag, chosen: action },
  );
}

/**
 * Plays the browser's `pushsubscriptionchange` in the service worker. No protocol command fires it, so it
 * is dispatched there, like a tap above; the worker's handler does its work all the same.
 */
export async function subscriptionChangeInWorker(context: BrowserContext): Promise<void> {
  const [worker] = context.serviceWorkers();
  if (!worker) throw new Error('no service worker running');
  await worker.evaluate(() => {
    interface WorkerScope {
      dispatchEvent(event: Event): boolean;
      ExtendableEvent: new (type: string) => Event;
    }
    const scope = self as unknown as WorkerScope;
    scope.dispatchEvent(new scope.ExtendableEvent('pushsubscriptionchange'));
  });
}

/**
 * Delivers a push and waits until the worker shows it (by id, on its tag). On a loaded machine the
 * DevTools delivery to a worker that is starting up is, rarely, dropped without a trace; a
 * push service redelivers such a message with the same id, which lands on the same tag, so this does
 * too, at most twice more. A worker that never shows a push still fails here.
 */
export async function deliverUntilShown(
  delivery: PushDelivery,
  page: Page,
  payload: PushPayload,
  tag: string,
): Promise<void> {
  const attempts = 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await delivery.deliver(payload);
    try {
      await expect
        .poll(
          async () => (await shownNotifications(page, tag)).some((shown) => shown.data?.id === payload.id),
          {
            timeout: 5_000,
          },
        )
        .toBe(true);
      return;
    } catch (error) {
      if (attempt === attempts) throw error;
    }
  }
}

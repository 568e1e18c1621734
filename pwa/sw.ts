/// <reference lib="webworker" />
/**
 * The patient app's service worker: the app shell from the precache (so it opens offline), web pushes
 * shown as system notifications with a delivery receipt, and taps on them.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { NotificationType, PushPayload } from '../shared/notifications';
import { SW_MESSAGES } from './src/sw-messages';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

// workbox-window's messageSkipWaiting(): the patient agreed to reload into the new version.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The app is one page at `/` (with `?notification=ID` from a push link); the kiosk, the console and the
// API are not ours to answer.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/^\/(\?.*)?$/] }));

const QUEUE_STATUS_TYPES: ReadonlySet<NotificationType> = new Set(['queue_opened', 'queue_closed']);

interface ShownData {
  id: number;
  url: string;
  /** A call's ticket and receipt, with which an action button answers it (no token here). */
  ticketId?: number;
  receipt?: string;
}

/**
 * A push as this worker reads it: the fields at the top level. The declarative part (`web_push`,
 * `notification`, `mutable`) is for Safari where no worker runs; a push sent before the server added it
 * has none.
 */
type DeclarativePart = 'web_push' | 'notification' | 'mutable';
type WorkerPush = Omit<PushPayload, DeclarativePart> & Partial<Pick<PushPayload, DeclarativePart>>;

function parsePayload(data: PushMessageData | null): WorkerPush | null {
  try {
    const value: unknown = data?.json();
    if (typeof value !== 'object' || value === null) return null;
    const payload = value as Partial<WorkerPush>;
    if (typeof payload.id !== 'number' || typeof payload.title !== 'string') return null;
    return payload as WorkerPush;
  } catch {
    return null;
  }
}

/**
 * The tag is how the system knows two notifications are one. The contract: a resend carries the same
 * id and must be shown once, so the tag is the id. Queue-status pushes (opened/closed) instead share
 * one tag per department, so "OPD has closed" replaces "OPD is open" instead of stacking a stale
 * status under it. That still shows a resend once: the same id has the same department, so it lands
 * on the same tag and replaces itself; showPush() tells the two cases apart to decide whether to alert.
 */
function tagFor(payload: WorkerPush): string {
  return QUEUE_STATUS_TYPES.has(payload.type)
    ? `queue-status-${payload.department ?? 'all'}`
    : String(payload.id);
}

async function showPush(payload: WorkerPush): Promise<void> {
  const tag = tagFor(payload);
  const shown = await self.registration.getNotifications({ tag });
  const isResend = shown.some((notification) => (notification.data as ShownData | null)?.id === payload.id);
  // The relative `url`, not the declarative `navigate`: it is the same page on this worker's own origin,
  // and stays right where PUBLIC_URL names another address for the app.
  const data: ShownData = {
    id: payload.id,
    url: payload.url,
    ...(typeof payload.ticketId === 'number' ? { ticketId: payload.ticketId, receipt: payload.receipt } : {}),
  };
  const options: NotificationOptions & {
    renotify?: boolean;
    requireInteraction?: boolean;
    actions?: Array<{ action: string; title: string }>;
  } = {
    body: payload.body,
    tag,
    data,
    icon: '/icons/icon-192.png',
    // The language the words are in, as the declarative part says, so a screen reader speaks them right.
    ...(typeof payload.notification?.lang === 'string' ? { lang: payload.notification.lang } : {}),
    // A call must stay on screen until the patient has seen it: it is the whole point of the app.
    requireInteraction: payload.type === 'ticket_called',
    // A newer status for the same department should alert again; a resend of a shown one must not.
    renotify: QUEUE_STATUS_TYPES.has(payload.type) && !isResend,
    // A call's answers ("On my way", "I need a few more minutes"), which notificationclick posts.
    ...(payload.actions ? { actions: payload.actions } : {}),
  };
  await self.registration.showNotification(payload.title, options);
}

/** The receipt lets the worker, which holds no token, confirm delivery of this one notification. */
async function confirmDelivery(payload: WorkerPush): Promise<void> {
  if (!payload.receipt) return;
  const query = new URLSearchParams({ receipt: payload.receipt });
  await fetch(`/api/notifications/${payload.id}/delivered?${query}`, { method: 'POST' });
}

self.addEventListener('push', (event: PushEvent) => {
  const payload = parsePayload(event.data);
  if (!payload) return;
  event.waitUntil(
    Promise.all([
      showPush(payload),
      // Offline right after the push arrived: the row stays `sent`, which is true.
      confirmDelivery(payload).catch(() => undefined),
    ]),
  );
});

/** Not in TypeScript's webworker library yet. */
interface PushSubscriptionChangeEvent extends ExtendableEvent {
  readonly oldSubscription?: PushSubscription | null;
  readonly newSubscription?: PushSubscription | null;
}

/**
 * The push service replaced or dropped this device's subscription. Where the browser has not already made
 * the new one, subscribe again with the same server key; then ask any open app to hand it to the server
 * (this worker holds no token). With no app open, the app does it the next time it opens.
 */
async function renewSubscription(event: PushSubscriptionChangeEvent): Promise<void> {
  const applicationServerKey = event.oldSubscription?.options.applicationServerKey;
  if (!event.newSubscription && applicationServerKey) {
    await self.registration.pushManager
      .subscribe({ userVisibleOnly: true, applicationServerKey })
      .catch(() => undefined);
  }
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) client.postMessage({ type: SW_MESSAGES.subscriptionChanged });
}

self.addEventListener('pushsubscriptionchange', (event: Event) => {
  const change = event as PushSubscriptionChangeEvent;
  change.waitUntil(renewSubscription(change));
});

/** Only our own pages: a payload's url must never send the patient to another site. */
function sameOriginUrl(url: unknown): URL {
  const origin = self.location.origin;
  try {
    const parsed = new URL(typeof url === 'string' ? url : '/', origin);
    return parsed.origin === origin ? parsed : new URL('/', origin);
  } catch {
    return new URL('/', origin);
  }
}

async function openApp(data: Partial<ShownData> | null): Promise<void> {
  const target = sameOriginUrl(data?.url);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  // The patient app lives at `/`; a kiosk or console tab on the same origin is not it.
  const app = windows.find((client) => new URL(client.url).pathname === '/');
  if (app) {
    // The message first: the page shows the notification even where focusing is refused.
    app.postMessage({ type: SW_MESSAGES.openNotification, id: data?.id });
    await app.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(target.href);
}

const CALL_REPLIES: ReadonlySet<string> = new Set(['on_my_way', 'need_more_time']);

/**
 * One of a call's action buttons: the answer goes to the server with the push's receipt, the page need not
 * be open or signed in. Offline, the answer is lost and the call stands; the patient can answer in the app.
 */
async function replyToCall(data: Partial<ShownData> | null, reply: string): Promise<void> {
  if (typeof data?.ticketId !== 'number' || !data.receipt) return;
  const query = new URLSearchParams({ receipt: data.receipt });
  await fetch(`/api/tickets/${data.ticketId}/reply?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reply }),
  }).catch(() => undefined);
}

self.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const data = event.notification.data as Partial<ShownData> | null;
  if (CALL_REPLIES.has(event.action)) {
    event.waitUntil(replyToCall(data, event.action));
    return;
  }
  event.waitUntil(openApp(data));
});

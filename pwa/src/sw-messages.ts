/** Messages the service worker posts to the app's windows; one definition for both sides. */
export const SW_MESSAGES = {
  /** A tap on a system notification while the app is open: `{type, id}`. */
  openNotification: 'open-notification',
  /** The push subscription was replaced or dropped: the app hands the current one to the server. */
  subscriptionChanged: 'push-subscription-changed',
} as const;

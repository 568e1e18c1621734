import { useEffect, useState, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { sameOriginApi } from '../../../shared/api-client';
import { KioskFeed } from './feed';
import type { FeedState, KioskSocket } from './feed';

const RESYNC_MS = 120_000;

function createSocket(): KioskSocket {
  // Same origin (the server serves /kiosk), no token: a public display receives public events only.
  return io({
    path: '/socket.io',
    autoConnect: false,
    forceNew: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
}

/** The feed lives as long as the component; its socket and timers go with it. */
export function useFeed(departments: string[] | 'all'): { feed: KioskFeed; state: FeedState } {
  const [feed] = useState(
    () =>
      new KioskFeed({
        departments,
        loadStatuses: () => sameOriginApi()('GET /api/queues'),
        createSocket,
        resyncMs: RESYNC_MS,
      }),
  );
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const state = useSyncExternalStore(feed.subscribe, feed.getState);
  return { feed, state };
}

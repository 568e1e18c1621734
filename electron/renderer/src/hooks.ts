import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { SyncedRead } from '../../../shared/live-sync';
import type { ApiCall } from '../../../shared/api-client';
import type { LiveConnection, LiveListener } from './live';

export interface ConsoleContextValue {
  /** The typed API client, with this session's token and server. */
  api: ApiCall;
  live: LiveConnection;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleContext');
  return value;
}

/** True while the live connection is up: actions are enabled only then, so none is silently dropped. */
export function useOnline(): boolean {
  const { live } = useConsole();
  return useSyncExternalStore(live.subscribeState, live.getConnected);
}

/** Listens to live events with the latest render's listener, without resubscribing on every render. */
export function useLiveEvents(listener: LiveListener): void {
  const { live } = useConsole();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => live.subscribe((event) => latest.current(event)), [live]);
}

export interface Resource<T> {
  data: T | null;
  error: unknown;
  reload(): void;
}

interface ResourceState<T> {
  key: string;
  data: T | null;
  error: unknown;
}

/** One read's outcome, for the key it was read for: a failure is shown, not thrown. */
type Outcome<T> = { key: string; data: T } | { key: string; failed: unknown };

/**
 * Server data that events ask to re-read, through the shared live-sync's one-at-a-time read
 * (`SyncedRead`): a reload asked for during a read runs once after it, so a burst of events costs two
 * reads and an older answer never overwrites a newer one. `key` names what is read (the department):
 * a new key drops the old data at once.
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<ResourceState<T>>({ key, data: null, error: null });
  const latestLoad = useRef(load);
  const currentKey = useRef(key);
  const mounted = useRef(true);

  useEffect(() => {
    latestLoad.current = load;
  });

  const [read] = useState(
    () =>
      new SyncedRead<Outcome<T>, never>({
        read: async () => {
          const forKey = currentKey.current;
          try {
            return { key: forKey, data: await latestLoad.current() };
          } catch (failed) {
            return { key: forKey, failed };
          }
        },
        apply: (outcome) => {
          if (!mounted.current || outcome.key !== currentKey.current) return;
          setState((previous) => settled(previous, outcome));
        },
      }),
  );
  const reload = useCallback(() => void read.run(), [read]);

  useEffect(() => {
    mounted.current = true;
    currentKey.current = key;
    reload();
    return () => {
      mounted.current = false;
    };
  }, [key, reload]);

  const current = state.key === key ? state : { data: null, error: null };
  return { data: current.data, error: current.error, reload };
}

/** A failed read keeps the data last read for the same key. */
function settled<T>(previous: ResourceState<T>, outcome: Outcome<T>): ResourceState<T> {
  if ('data' in outcome) return { key: outcome.key, data: outcome.data, error: null };
  const data = previous.key === outcome.key ? previous.data : null;
  return { key: outcome.key, data, error: outcome.failed };
}

/** Date.now(), refreshed every `intervalMs`: waited times tick without a server round trip. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Whether the page is visible: polling stops while the window is hidden or minimised. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    (listener) => {
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
    () => document.visibilityState === 'visible',
  );
}

/** A value kept in localStorage (per browser profile or desktop install): room, selected department. */
export function useStoredState(key: string, initial: string): [string, (value: string) => void] {
  const storageKey = `queuebell.console.${key}`;
  const [value, setValue] = useState(() => localStorage.getItem(storageKey) ?? initial);
  useEffect(() => {
    setValue(localStorage.getItem(storageKey) ?? initial);
  }, [storageKey, initial]);
  const set = useCallback(
    (next: string) => {
      localStorage.setItem(storageKey, next);
      setValue(next);
    },
    [storageKey],
  );
  return [value, set];
}

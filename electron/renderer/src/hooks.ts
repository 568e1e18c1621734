import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ConsoleClient } from './client';
import type { LiveConnection, LiveListener } from './live';

export interface ConsoleContextValue {
  client: ConsoleClient;
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
  /** A read is on its way: its answer may be older than an event that arrives meanwhile. */
  reloading(): boolean;
}

/**
 * Server data that events ask to re-read. Reads run one at a time: a reload asked for during a read runs
 * once after it, so a burst of events costs two reads and an older answer never overwrites a newer one.
 * `key` names what is read (the department): a new key drops the old data at once.
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: unknown }>({
    key,
    data: null,
    error: null,
  });
  const latestLoad = useRef(load);
  const running = useRef(false);
  const again = useRef(false);
  const currentKey = useRef(key);
  const mounted = useRef(true);

  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(() => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    const run = async () => {
      do {
        again.current = false;
        const forKey = currentKey.current;
        try {
          const data = await latestLoad.current();
          if (mounted.current && forKey === currentKey.current) setState({ key: forKey, data, error: null });
        } catch (error) {
          if (mounted.current && forKey === currentKey.current)
            setState((previous) => ({
              key: forKey,
              data: previous.key === forKey ? previous.data : null,
              error,
            }));
        }
      } while (again.current && mounted.current);
      running.current = false;
    };
    void run();
  }, []);

  useEffect(() => {
    mounted.current = true;
    currentKey.current = key;
    reload();
    return () => {
      mounted.current = false;
    };
  }, [key, reload]);

  const current = state.key === key ? state : { data: null, error: null };
  return { data: current.data, error: current.error, reload, reloading: () => running.current };
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

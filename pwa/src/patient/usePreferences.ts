import { useCallback, useEffect, useRef, useState } from 'react';
import type { Preferences } from '../../../shared/schemas';
import { sameOriginApi } from '../../../shared/api-client';

const api = sameOriginApi();

export interface PreferencesApi {
  preferences: Preferences | null;
  error: unknown;
  /** Saves a change; the API takes the whole object, so it is merged with the last saved one. */
  save(change: Partial<Preferences>): Promise<void>;
  /** Reads them again: the server changes them itself (removing the phone turns SMS off). */
  reload(): Promise<void>;
}

export function usePreferences(token: string): PreferencesApi {
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef<Preferences | null>(null);

  const load = useCallback(async () => {
    const loaded = await api('GET /api/me/preferences', { token });
    latest.current = loaded;
    setPreferences(loaded);
    return loaded;
  }, [token]);

  useEffect(() => {
    load().catch((caught: unknown) => setError(caught));
  }, [load]);

  const save = useCallback(
    async (change: Partial<Preferences>) => {
      const base = latest.current ?? (await load());
      const saved = await api('PUT /api/me/preferences', { token, body: { ...base, ...change } });
      latest.current = saved;
      setPreferences(saved);
      setError(null);
    },
    [token, load],
  );

  const reload = useCallback(async () => {
    await load();
  }, [load]);

  return { preferences, error, save, reload };
}

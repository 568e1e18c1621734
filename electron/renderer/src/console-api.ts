import { createApiClient } from '../../../shared/api-client';
import type { ApiCall, ApiClientOptions } from '../../../shared/api-client';
import { isDesktop } from './bridge';
import { reportIfOutdated } from './outdated';
import { consoleHeaders } from './version';

/**
 * Every API client of the console (session.ts, ConsoleShell): each request names the desktop console's
 * version (`x-queuebell-console`), and a refusal as outdated turns the console into its update screen.
 */
export function consoleApi(options: Omit<ApiClientOptions, 'headers'>): ApiCall {
  const call = createApiClient({ ...options, headers: consoleHeaders(isDesktop) });
  return async (key, ...input) => {
    try {
      return await call(key, ...input);
    } catch (error) {
      reportIfOutdated(error);
      throw error;
    }
  };
}

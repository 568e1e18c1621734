import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../../../../shared/api-client';
import { describeError } from '../errors';

type State = 'idle' | 'working' | 'done' | { error: unknown };

/** The file name the server gives the download (Content-Disposition), or a plain one. */
function fileNameOf(response: Response): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? 'queuebell-export.json';
}

/** Fetches the export with the session's token and hands it to the browser as a download. */
async function downloadExport(token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/api/me/export', { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, 'No connection.');
  }
  if (!response.ok) throw new ApiError(response.status, 'export_failed', `HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file; the object URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Download my data": everything the server keeps about the patient, as a JSON file. */
export function DataExport({ token, canAct }: { token: string; canAct: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('idle');

  async function run() {
    setState('working');
    try {
      await downloadExport(token);
      setState('done');
    } catch (error) {
      setState({ error });
    }
  }

  const failed = typeof state === 'object';
  return (
    <div className="data-export">
      <h4>{t('account.exportHeading')}</h4>
      <p className="detail">{t('account.exportWhy')}</p>
      <button
        type="button"
        className="secondary"
        disabled={!canAct || state === 'working'}
        onClick={() => void run()}
      >
        {t('account.exportButton')}
      </button>
      <p aria-live="polite" className={failed ? 'error' : 'detail'}>
        {state === 'done' && t('account.exportDone')}
        {failed && describeError(state.error)}
      </p>
    </div>
  );
}

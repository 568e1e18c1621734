import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRow } from '../../../shared/appointments';
import { errorMessage } from './errors';
import { formatTime } from './format';
import { useConsole } from './hooks';

interface Props {
  department: string;
  date: string;
  disabled: boolean;
  onImported(): void;
}

/**
 * A day's list pasted as CSV: the server reads it (`POST /api/appointments/import`), first as a dry run
 * whose every line shows its booking or its error, then for real once no line has one.
 */
export function AppointmentImport({ department, date, disabled, onImported }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportRow[] | null>(null);
  const [result, setResult] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ready = preview !== null && preview.length > 0 && preview.every((row) => row.error === null);

  async function run(dryRun: boolean) {
    setError(null);
    setResult(null);
    try {
      const answer = await api('POST /api/appointments/import', { body: { department, date, csv, dryRun } });
      setPreview(answer.rows);
      if (!dryRun) {
        setResult(answer.created.length);
        setPreview(null);
        setCsv('');
        onImported();
      }
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="appointment-import" role="group" aria-labelledby="import-heading">
      <h3 id="import-heading">{t('appointments.importTitle')}</h3>
      <p id="import-hint" className="detail">
        {t('appointments.importHint')}
      </p>
      <label className="field">
        {t('appointments.csv')}
        <textarea
          rows={6}
          value={csv}
          aria-describedby="import-hint"
          onChange={(event) => {
            setCsv(event.target.value);
            setPreview(null);
          }}
        />
      </label>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={disabled || csv.trim() === ''}
          onClick={() => void run(true)}
        >
          {t('appointments.preview')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={disabled || !ready}
          onClick={() => void run(false)}
        >
          {t('appointments.import', { count: preview?.length ?? 0 })}
        </button>
      </div>
      {preview && <PreviewTable rows={preview} />}
      {preview && !ready && preview.length > 0 && <p className="error">{t('appointments.fixErrors')}</p>}
      {result !== null && <p role="status">{t('appointments.imported', { count: result })}</p>}
      {error !== null && (
        <p role="alert" className="error">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}

function PreviewTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  return (
    <table aria-label={t('appointments.previewTable')}>
      <thead>
        <tr>
          <th scope="col">{t('appointments.line')}</th>
          <th scope="col">{t('appointments.columns.time')}</th>
          <th scope="col">{t('appointments.columns.patient')}</th>
          <th scope="col">{t('appointments.problem')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line} data-line={row.line} className={row.error ? 'row-error' : undefined}>
            <td>{row.line}</td>
            <td>{row.at ? formatTime(row.at) : row.time}</td>
            <td>{row.patientName ?? row.patient}</td>
            <td data-testid={row.error ? 'row-error' : undefined}>
              {row.error ? t(`appointments.importErrors.${row.error.code}`) : t('appointments.ok')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

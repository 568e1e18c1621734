import { useTranslation } from 'react-i18next';

/** The end of a small settings form: what saving said, what went wrong, and the save button. */
export function SaveFooter({
  saved,
  error,
  busy,
}: {
  saved: string | null;
  error: string | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {saved && (
        <p role="status" className="hint">
          {saved}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('updates.saving') : t('updates.save')}
      </button>
    </>
  );
}

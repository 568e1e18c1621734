import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';
import type { Wording } from '../i18n';

/** A new department (closed, default settings): its code is for good, its name can change later. */
export function NewDepartmentDialog({
  onCancel,
  onCreated,
}: {
  onCancel(): void;
  onCreated(notice: Wording): void;
}) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const { department } = await api('POST /api/departments', { body: { code, name } });
      onCreated(() => i18next.t('admin.departments.created', { name: department.name }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('admin.departments.createHeading')} onClose={onCancel}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label className="stack">
          {t('admin.departments.code')}
          <input
            required
            value={code}
            aria-describedby="new-department-code-hint"
            onChange={(event) => setCode(event.target.value.toUpperCase())}
          />
        </label>
        <p id="new-department-code-hint" className="hint">
          {t('admin.departments.codeHint')}
        </p>
        <label className="stack">
          {t('admin.departments.name')}
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <ErrorText error={failure} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {busy ? t('admin.departments.creating') : t('admin.departments.createSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

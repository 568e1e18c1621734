import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../shared/schemas';
import { errorMessage } from '../errors';
import { useConsole, useResource } from '../hooks';
import type { Wording } from '../i18n';
import { NewDepartmentDialog } from './NewDepartmentDialog';
import { DepartmentSettingsDialog } from './DepartmentSettingsDialog';
import { DepartmentsTable } from './DepartmentsTable';

/** Every department, archived ones included, with their settings; create one or change one. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const departments = useResource('departments', () => api('GET /api/departments'));
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [notice, setNotice] = useState<Wording | null>(null);

  const done = (wording: Wording) => {
    setEditing(null);
    setNotice(() => wording);
    departments.reload();
  };

  return (
    <section className="admin-departments" aria-labelledby="admin-departments-heading">
      <div className="section-head">
        <h3 id="admin-departments-heading">{t('admin.departments.heading')}</h3>
        <button type="button" onClick={() => setEditing('new')}>
          {t('admin.departments.create')}
        </button>
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice()}
        </p>
      )}
      {departments.error !== null && <p className="error">{errorMessage(departments.error)}</p>}
      {!departments.data && departments.error === null && <p aria-live="polite">{t('admin.loading')}</p>}
      {departments.data && <DepartmentsTable departments={departments.data} onEdit={setEditing} />}
      {editing === 'new' && <NewDepartmentDialog onCancel={() => setEditing(null)} onCreated={done} />}
      {editing && editing !== 'new' && (
        <DepartmentSettingsDialog department={editing} onCancel={() => setEditing(null)} onSaved={done} />
      )}
    </section>
  );
}

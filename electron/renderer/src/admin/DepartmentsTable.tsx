import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../shared/schemas';

/** The departments and their settings, one row each. */
export function DepartmentsTable(props: { departments: Department[]; onEdit(department: Department): void }) {
  const { departments, onEdit } = props;
  const { t } = useTranslation();
  return (
    <table className="admin-table departments-table">
      <caption className="visually-hidden">{t('admin.departments.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.departments.columns.code')}</th>
          <th scope="col">{t('admin.departments.columns.name')}</th>
          <th scope="col">{t('admin.departments.columns.rooms')}</th>
          <th scope="col">{t('admin.departments.columns.alertPosition')}</th>
          <th scope="col">{t('admin.departments.columns.escalate')}</th>
          <th scope="col">{t('admin.departments.columns.longWait')}</th>
          <th scope="col">{t('admin.departments.columns.status')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {departments.map((department) => (
          <tr key={department.code} data-department={department.code}>
            <td className="code">{department.code}</td>
            <td>{department.name}</td>
            <td>
              {department.rooms.length > 0 ? department.rooms.join(', ') : t('admin.departments.anyRoom')}
            </td>
            <td>{department.alertPosition}</td>
            <td>{t('admin.departments.seconds', { count: department.escalateAfterSeconds })}</td>
            <td>{t('admin.departments.minutes', { count: department.longWaitMinutes })}</td>
            <td>{department.archived ? t('admin.departments.archived') : t('admin.departments.active')}</td>
            <td>
              <button
                type="button"
                aria-label={t('admin.departments.edit', { name: department.name })}
                onClick={() => onEdit(department)}
              >
                {t('admin.departments.editShort')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff';

interface Props {
  staff: Staff[];
  onEdit(member: Staff): void;
  onReset(member: Staff): void;
  onDisabled(member: Staff, disabled: boolean): void;
}

/** The staff accounts, one row each, with their actions (named per person for screen readers). */
export function StaffTable({ staff, onEdit, onReset, onDisabled }: Props) {
  const { t } = useTranslation();
  if (staff.length === 0) return <p>{t('admin.staff.empty')}</p>;
  return (
    <table className="admin-table staff-table">
      <caption className="visually-hidden">{t('admin.staff.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('admin.staff.columns.name')}</th>
          <th scope="col">{t('admin.staff.columns.email')}</th>
          <th scope="col">{t('admin.staff.columns.role')}</th>
          <th scope="col">{t('admin.staff.columns.departments')}</th>
          <th scope="col">{t('admin.staff.columns.status')}</th>
          <th scope="col">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((member) => (
          <tr key={member.id} data-staff={member.email} data-disabled={member.disabled}>
            <td>{member.name}</td>
            <td>{member.email}</td>
            <td>{t(`admin.staff.roles.${member.role}`)}</td>
            <td>
              {departmentsText(member, t('admin.staff.allDepartments'), t('admin.staff.noDepartments'))}
            </td>
            <td>{member.disabled ? t('admin.staff.disabled') : t('admin.staff.active')}</td>
            <td className="row-actions">
              <button
                type="button"
                aria-label={t('admin.staff.edit', { name: member.name })}
                onClick={() => onEdit(member)}
              >
                {t('admin.staff.editShort')}
              </button>
              <button
                type="button"
                aria-label={t(member.disabled ? 'admin.staff.enable' : 'admin.staff.disable', {
                  name: member.name,
                })}
                onClick={() => onDisabled(member, !member.disabled)}
              >
                {member.disabled ? t('admin.staff.enableShort') : t('admin.staff.disableShort')}
              </button>
              <button
                type="button"
                aria-label={t('admin.staff.reset', { name: member.name })}
                onClick={() => onReset(member)}
              >
                {t('admin.staff.resetShort')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function departmentsText(member: Staff, all: string, none: string): string {
  if (member.departments === 'all') return all;
  return member.departments.length > 0 ? member.departments.join(', ') : none;
}

import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../shared/schemas';

interface Props {
  value: 'all' | string[];
  departments: Department[];
  onChange(value: 'all' | string[]): void;
}

/**
 * What a nurse acts on: "all" (future departments included) or a list of codes. Unticking "all"
 * starts from an empty list, so an admin never narrows someone's access without choosing what stays.
 */
export function DepartmentsChoice({ value, departments, onChange }: Props) {
  const { t } = useTranslation();
  const all = value === 'all';
  const chosen = all ? [] : value;
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...chosen, code] : chosen.filter((other) => other !== code));
  return (
    <fieldset className="departments-choice">
      <legend>{t('admin.staff.departments')}</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={all}
          onChange={(event) => onChange(event.target.checked ? 'all' : [])}
        />
        {t('admin.staff.everyDepartment')}
      </label>
      {!all &&
        departments.map((department) => (
          <label key={department.code} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(department.code)}
              onChange={(event) => toggle(department.code, event.target.checked)}
            />
            {department.name} <span className="code">{department.code}</span>
          </label>
        ))}
    </fieldset>
  );
}

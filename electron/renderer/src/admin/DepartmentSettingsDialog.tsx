import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DepartmentSettingsBody } from '../../../../shared/departments';
import type { Department } from '../../../../shared/schemas';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';
import type { Wording } from '../i18n';
import { NumberField } from './NumberField';
import { RoomsEditor } from './RoomsEditor';

interface Props {
  department: Department;
  onCancel(): void;
  onSaved(notice: Wording): void;
}

type Settings = Required<DepartmentSettingsBody>;

/** A department's settings; only what changed is sent, so the admin log names only real changes. */
export function DepartmentSettingsDialog({ department, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [settings, setSettings] = useState<Settings>(() => settingsOf(department));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) =>
    setSettings((previous) => ({ ...previous, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const body = changes(settingsOf(department), settings);
      const saved = await api('PATCH /api/departments/:code', { params: { code: department.code }, body });
      const name = saved.department.name;
      onSaved(() => i18next.t('admin.departments.saved', { name }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('admin.departments.editHeading', { name: department.name })} onClose={onCancel}>
      <form className="stack department-settings" onSubmit={(event) => void submit(event)}>
        <label className="stack">
          {t('admin.departments.name')}
          <input required value={settings.name} onChange={(event) => set('name', event.target.value)} />
        </label>
        <RoomsEditor rooms={settings.rooms} onChange={(rooms) => set('rooms', rooms)} />
        <NumberField
          id="department-alert-position"
          label={t('admin.departments.alertPosition')}
          hint={t('admin.departments.alertPositionHint')}
          min={1}
          max={20}
          value={settings.alertPosition}
          onChange={(value) => set('alertPosition', value)}
        />
        <NumberField
          id="department-escalate"
          label={t('admin.departments.escalate')}
          hint={t('admin.departments.escalateHint')}
          min={10}
          max={600}
          value={settings.escalateAfterSeconds}
          onChange={(value) => set('escalateAfterSeconds', value)}
        />
        <NumberField
          id="department-long-wait"
          label={t('admin.departments.longWait')}
          hint={t('admin.departments.longWaitHint')}
          min={5}
          max={600}
          value={settings.longWaitMinutes}
          onChange={(value) => set('longWaitMinutes', value)}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.archived}
            aria-describedby="department-archived-hint"
            onChange={(event) => set('archived', event.target.checked)}
          />
          {t('admin.departments.archivedLabel')}
        </label>
        <p id="department-archived-hint" className="hint">
          {t('admin.departments.archivedHint')}
        </p>
        <ErrorText error={failure} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {busy ? t('admin.departments.saving') : t('admin.departments.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function settingsOf(department: Department): Settings {
  const { name, rooms, alertPosition, escalateAfterSeconds, longWaitMinutes, archived } = department;
  return { name, rooms, alertPosition, escalateAfterSeconds, longWaitMinutes, archived };
}

/** The settings that differ from the department as read (rooms compared in order). */
function changes(before: Settings, after: Settings): DepartmentSettingsBody {
  const body: DepartmentSettingsBody = {};
  if (after.name !== before.name) body.name = after.name;
  if (after.rooms.join('\n') !== before.rooms.join('\n')) body.rooms = after.rooms;
  if (after.alertPosition !== before.alertPosition) body.alertPosition = after.alertPosition;
  if (after.escalateAfterSeconds !== before.escalateAfterSeconds)
    body.escalateAfterSeconds = after.escalateAfterSeconds;
  if (after.longWaitMinutes !== before.longWaitMinutes) body.longWaitMinutes = after.longWaitMinutes;
  if (after.archived !== before.archived) body.archived = after.archived;
  return body;
}

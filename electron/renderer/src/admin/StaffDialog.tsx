import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../shared/schemas';
import type { Staff, StaffRole } from '../../../../shared/staff';
import { Dialog, ErrorText } from '../Dialog';
import { useConsole } from '../hooks';
import { DepartmentsChoice } from './DepartmentsChoice';

interface Props {
  /** null: a new account (with an email and a generated password). */
  member: Staff | null;
  departments: Department[];
  /** The server sends email (`GET /api/admin/settings`): a new account may be invited instead. */
  canInvite: boolean;
  onCancel(): void;
  onSaved(saved?: Saved): void;
}

/** What creating an account came to: a password to show once, or the address an invitation went to. */
export interface Saved {
  name: string;
  password?: string;
  invitedTo?: string;
}

/** Creates an account, or changes one's name, role and departments; the server's refusal stays in view. */
export function StaffDialog({ member, departments, canInvite, onCancel, onSaved }: Props) {
  const { t } = useTranslation();
  const { api } = useConsole();
  const [email, setEmail] = useState('');
  const [name, setName] = useState(member?.name ?? '');
  const [role, setRole] = useState<StaffRole>(member?.role ?? 'nurse');
  const [chosen, setChosen] = useState<'all' | string[]>(member?.departments ?? []);
  const [invite, setInvite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const body = { name, role, departments: chosen };
      if (member) {
        await api('PATCH /api/staff/:id', { params: { id: String(member.id) }, body });
        onSaved();
      } else {
        const invited = canInvite && invite;
        const created = await api('POST /api/staff', {
          body: { ...body, email, ...(invited && { invite }) },
        });
        const { staff, password } = created;
        onSaved({ name: staff.name, password, invitedTo: created.invited ? staff.email : undefined });
      }
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  const title = member ? t('admin.staff.editHeading', { name: member.name }) : t('admin.staff.createHeading');
  return (
    <Dialog title={title} onClose={onCancel}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        {!member && (
          <label className="stack">
            {t('admin.staff.email')}
            <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
        )}
        <label className="stack">
          {t('admin.staff.name')}
          <input required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="stack">
          {t('admin.staff.role')}
          <select
            value={role}
            onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'nurse')}
          >
            <option value="nurse">{t('admin.staff.roles.nurse')}</option>
            <option value="admin">{t('admin.staff.roles.admin')}</option>
          </select>
        </label>
        <DepartmentsChoice value={chosen} departments={departments} onChange={setChosen} />
        {!member && canInvite && (
          <label>
            <input type="checkbox" checked={invite} onChange={(event) => setInvite(event.target.checked)} />{' '}
            {t('admin.staff.invite')}
          </label>
        )}
        <ErrorText error={failure} />
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" disabled={busy}>
            {submitLabel(Boolean(member), busy, t)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function submitLabel(editing: boolean, busy: boolean, t: ReturnType<typeof useTranslation>['t']): string {
  if (editing) return busy ? t('admin.staff.saving') : t('admin.staff.save');
  return busy ? t('admin.staff.creating') : t('admin.staff.createSubmit');
}

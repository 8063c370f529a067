import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { ActionDialog } from '../staff/Dialog.tsx';
import type { Me } from '../staff/session.ts';
import { PASSWORD_MIN } from '../login/password.rules.ts';
import { DataTable } from './DataTable.tsx';
import { useApi } from './useApi.ts';
import { usersMessages } from './users.messages.ts';

type Role = Me['role'];
export type User = { id: string; email: string; name: string; role: Role; organisationId: string; lastLoginAt: string | null; active: boolean; deactivatedAt: string | null };
export type Org = { id: string; name: string; level: string };
type Pending = { kind: 'edit' | 'deactivate' | 'reactivate' | 'reset'; user: User };

const ROLES: Role[] = ['admin', 'analyst', 'coordinator', 'viewer'];
// The server decides (server/users/users.rules.ts); this only narrows the lists to what it accepts.
const ROLE_LEVEL: Record<Role, string[]> = { admin: ['root', 'region'], analyst: ['municipality'], coordinator: ['institution'], viewer: ['region', 'root'] };
export const rolesFor = (me: Me): Role[] => (me.role === 'admin' ? ROLES : ['coordinator']);
export const orgsFor = (orgs: Org[] | undefined, role: Role) => (orgs ?? []).filter((o) => ROLE_LEVEL[role].includes(o.level));

export default function UsersPage({ me }: { me: Me }) {
  const t = useMessages(usersMessages);
  const c = useMessages(common);
  const lang = useLang();
  const { data, reload } = useApi<User[]>('/api/users');
  const { data: orgs } = useApi<Org[]>('/api/organisations');
  const names = new Map(orgs?.map((o) => [o.id, o.name]));
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState('');
  // an analyst manages the coordinators only; nobody switches off or resets their own account
  const manages = (u: User) => me.role === 'admin' || u.role === 'coordinator';
  const status = (u: User) => (u.active ? t.active : t.inactiveSince(formatDate(lang, u.deactivatedAt)));
  const done = (text: string) => {
    setNotice(text);
    reload();
  };
  const act = (kind: Pending['kind'], user: User) => () => setPending({ kind, user });
  return (
    <section>
      <h1>{t.title}</h1>
      {notice && <p className="notice-inline" role="status">{notice}</p>}
      {data && (
        <DataTable id="users" rows={data} rowKey={(u) => u.id} rowTestId={(u) => `user-${u.email}`} columns={[
          { key: 'name', title: t.colName, value: (u) => u.name, render: (u) => <>{u.name}{u.id === me.id && <span className="muted"> {t.you}</span>}</> },
          { key: 'email', title: t.colEmail, value: (u) => u.email },
          { key: 'role', title: t.colRole, value: (u) => c.role[u.role] },
          { key: 'org', title: t.colOrganisation, value: (u) => names.get(u.organisationId) ?? null },
          { key: 'status', title: t.colStatus, value: status, className: () => 'nowrap', render: (u) => <span className={u.active ? undefined : 'status status-off'}>{status(u)}</span> },
          { key: 'login', title: t.colLastLogin, value: (u) => u.lastLoginAt, className: () => 'nowrap', render: (u) => (u.lastLoginAt ? formatDateTime(lang, u.lastLoginAt) : <span className="muted">{t.neverLoggedIn}</span>) },
          { key: 'actions', title: t.colActions, value: () => null, render: (u) => manages(u) && (
            <div className="row-actions">
              <button className="secondary" onClick={act('edit', u)}>{t.edit}</button>
              {u.id !== me.id && (u.active
                ? <button className="secondary danger" onClick={act('deactivate', u)}>{t.deactivate}</button>
                : <button className="secondary" onClick={act('reactivate', u)}>{t.reactivate}</button>)}
              {u.id !== me.id && u.active && <button className="secondary" onClick={act('reset', u)}>{t.resetPassword}</button>}
            </div>
          ) },
        ]} />
      )}
      {pending?.kind === 'edit' && <EditUser me={me} user={pending.user} orgs={orgs} onClose={() => setPending(null)} onDone={done} />}
      {pending && pending.kind !== 'edit' && <ConfirmUserAction pending={pending} onClose={() => setPending(null)} onDone={done} />}
      <AddUser me={me} orgs={orgs} onDone={reload} />
    </section>
  );
}

function ConfirmUserAction({ pending: { kind, user }, onClose, onDone }: { pending: Pending; onClose: () => void; onDone: (notice: string) => void }) {
  const t = useMessages(usersMessages);
  const texts = {
    deactivate: { title: t.deactivateTitle, text: t.deactivateText(user.name, user.email), action: t.deactivate, path: 'deactivate', done: t.deactivated(user.name) },
    reactivate: { title: t.reactivateTitle, text: t.reactivateText(user.name, user.email), action: t.reactivate, path: 'reactivate', done: t.reactivated(user.name) },
    reset: { title: t.resetTitle, text: t.resetText(user.name, user.email), action: t.resetPassword, path: 'reset-password', done: t.resetDone(user.email) },
  }[kind as 'deactivate' | 'reactivate' | 'reset'];
  const submit = async () => {
    await api(`/api/users/${user.id}/${texts.path}`, { method: 'POST' });
    onDone(texts.done);
  };
  return (
    <ActionDialog title={texts.title} action={texts.action} danger={kind !== 'reactivate'} onClose={onClose} onSubmit={submit} testId="confirm-dialog">
      <p>{texts.text}</p>
    </ActionDialog>
  );
}

function EditUser({ me, user, orgs, onClose, onDone }: { me: Me; user: User; orgs?: Org[]; onClose: () => void; onDone: (notice: string) => void }) {
  const t = useMessages(usersMessages);
  const c = useMessages(common);
  const [form, setForm] = useState({ name: user.name, role: user.role, organisationId: user.organisationId });
  const self = user.id === me.id;
  const roles = rolesFor(me).includes(user.role) ? rolesFor(me) : [user.role, ...rolesFor(me)];
  const choices = orgsFor(orgs, form.role);
  const setRole = (role: Role) => setForm({ ...form, role, organisationId: orgsFor(orgs, role).some((o) => o.id === form.organisationId) ? form.organisationId : '' });
  const submit = async () => {
    const change = Object.fromEntries(Object.entries(form).filter(([k, v]) => v !== user[k as keyof typeof form]));
    if (Object.keys(change).length > 0) await api(`/api/users/${user.id}`, { method: 'PATCH', body: change });
    onDone(t.saved(form.name));
  };
  return (
    <ActionDialog title={t.editTitle(user.name)} action={t.save} onClose={onClose} onSubmit={submit} testId="edit-dialog">
      <label>{t.name} <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required maxLength={200} /></label>
      <label>{t.role} <select value={form.role} disabled={self} onChange={(e) => setRole(e.target.value as Role)}>{roles.map((r) => <option key={r} value={r}>{c.role[r]}</option>)}</select></label>
      <label>{t.organisation} <select value={form.organisationId} disabled={self} onChange={(e) => setForm({ ...form, organisationId: e.target.value })} required>
        <option value="">{c.choose}</option>
        {choices.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select></label>
      {self && <p className="muted small">{t.ownRoleHint}</p>}
    </ActionDialog>
  );
}

function AddUser({ me, orgs, onDone }: { me: Me; orgs?: Org[]; onDone: () => void }) {
  const t = useMessages(usersMessages);
  const c = useMessages(common);
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'coordinator' as Role, organisationId: '' });
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setMessage('');
    setError('');
    const { password, ...rest } = form;
    try {
      await api('/api/users', { body: password ? form : rest });
      setMessage(password ? t.added(form.email) : t.addedInvited(form.email));
      setForm({ ...form, email: '', name: '', password: '' });
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.notAdded);
    }
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  const setRole = (e: React.ChangeEvent<HTMLSelectElement>) => setForm({ ...form, role: e.target.value as Role, organisationId: '' });
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t.addTitle}</h2>
      <div className="filters">
        <label>{t.name} <input value={form.name} onChange={set('name')} required maxLength={200} /></label>
        <label>{t.email} <input type="email" value={form.email} onChange={set('email')} required maxLength={254} /></label>
        <label>{t.role} <select value={form.role} onChange={setRole}>{rolesFor(me).map((r) => <option key={r} value={r}>{c.role[r]}</option>)}</select></label>
        <label>{t.organisation} <select value={form.organisationId} onChange={set('organisationId')} required><option value="">{c.choose}</option>{orgsFor(orgs, form.role).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
      </div>
      <div className="field-with-hint">
        <label>{t.password} <input type="password" value={form.password} onChange={set('password')} minLength={PASSWORD_MIN} maxLength={128} autoComplete="new-password" aria-describedby="new-user-password-hint" /></label>
        <p className="muted small" id="new-user-password-hint">{t.passwordHint(PASSWORD_MIN)}</p>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit">{t.add}</button> {message && <span role="status">{message}</span>}
    </form>
  );
}

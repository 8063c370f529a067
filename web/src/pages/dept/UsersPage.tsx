import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import type { Me } from '../staff/session.ts';
import { DataTable } from './DataTable.tsx';
import { useApi } from './useApi.ts';
import { usersMessages } from './users.messages.ts';

type User = { id: string; email: string; name: string; role: Me['role']; organisationId: string; lastLoginAt: string | null };
type Org = { id: string; name: string; level: string };

export default function UsersPage({ me }: { me: Me }) {
  const t = useMessages(usersMessages);
  const c = useMessages(common);
  const lang = useLang();
  const { data, reload } = useApi<User[]>('/api/users');
  const { data: orgs } = useApi<Org[]>('/api/organisations');
  const names = new Map(orgs?.map((o) => [o.id, o.name]));
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'coordinator', organisationId: '' });
  const [message, setMessage] = useState('');
  const roles = me.role === 'admin' ? (['admin', 'analyst', 'coordinator', 'viewer'] as const) : (['coordinator'] as const);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/users', { body: form });
      setMessage(t.added(form.email));
      setForm({ ...form, email: '', name: '', password: '' });
      reload();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : t.notAdded);
    }
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section>
      <h1>{t.title}</h1>
      {data && (
        <DataTable id="users" rows={data} rowKey={(u) => u.id} columns={[
          { key: 'name', title: t.colName, value: (u) => u.name },
          { key: 'email', title: t.colEmail, value: (u) => u.email },
          { key: 'role', title: t.colRole, value: (u) => c.role[u.role] },
          { key: 'org', title: t.colOrganisation, value: (u) => names.get(u.organisationId) ?? null },
          { key: 'login', title: t.colLastLogin, value: (u) => u.lastLoginAt, render: (u) => formatDateTime(lang, u.lastLoginAt) },
        ]} />
      )}
      <form className="card" onSubmit={submit}>
        <h2>{t.addTitle}</h2>
        <div className="filters">
          <label>{t.name} <input value={form.name} onChange={set('name')} required /></label>
          <label>{t.email} <input type="email" value={form.email} onChange={set('email')} required /></label>
          <label>{t.password} <input type="password" value={form.password} onChange={set('password')} minLength={10} required autoComplete="new-password" /></label>
          <label>{t.role} <select value={form.role} onChange={set('role')}>{roles.map((r) => <option key={r} value={r}>{c.role[r]}</option>)}</select></label>
          <label>{t.organisation} <select value={form.organisationId} onChange={set('organisationId')} required><option value="">{c.choose}</option>{orgs?.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
        </div>
        <button type="submit">{t.add}</button> {message && <span role="status">{message}</span>}
      </form>
    </section>
  );
}

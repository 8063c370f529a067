import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { ROLE_LABEL, type Me } from '../staff/session.ts';
import { DataTable } from './DataTable.tsx';
import { useApi } from './useApi.ts';

type User = { id: string; email: string; name: string; role: Me['role']; organisationId: string; lastLoginAt: string | null };
type Org = { id: string; name: string; level: string };

export default function UsersPage({ me }: { me: Me }) {
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
      setMessage(`Добавлен: ${form.email}`);
      setForm({ ...form, email: '', name: '', password: '' });
      reload();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'Не добавлен');
    }
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <section>
      <h1>Пользователи</h1>
      {data && (
        <DataTable id="users" rows={data} rowKey={(u) => u.id} columns={[
          { key: 'name', title: 'Имя', value: (u) => u.name },
          { key: 'email', title: 'Почта', value: (u) => u.email },
          { key: 'role', title: 'Роль', value: (u) => ROLE_LABEL[u.role] },
          { key: 'org', title: 'Организация', value: (u) => names.get(u.organisationId) ?? null },
          { key: 'login', title: 'Последний вход', value: (u) => u.lastLoginAt, render: (u) => (u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString('ru-RU') : '—') },
        ]} />
      )}
      <form className="card" onSubmit={submit}>
        <h2>Добавить пользователя</h2>
        <div className="filters">
          <label>Имя <input value={form.name} onChange={set('name')} required /></label>
          <label>Почта <input type="email" value={form.email} onChange={set('email')} required /></label>
          <label>Пароль (не короче 10 символов) <input type="password" value={form.password} onChange={set('password')} minLength={10} required autoComplete="new-password" /></label>
          <label>Роль <select value={form.role} onChange={set('role')}>{roles.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}</select></label>
          <label>Организация <select value={form.organisationId} onChange={set('organisationId')} required><option value="">— выберите —</option>{orgs?.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
        </div>
        <button type="submit">Добавить</button> {message && <span role="status">{message}</span>}
      </form>
    </section>
  );
}

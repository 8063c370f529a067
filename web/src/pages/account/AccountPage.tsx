// Every role's own account: who they are, and a change of their own password.
import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { mismatch, NewPasswordFields, type NewPassword } from '../login/NewPasswordFields.tsx';
import { passwordMessages } from '../login/password.messages.ts';
import type { Me } from '../staff/session.ts';
import { accountMessages } from './account.messages.ts';

export default function AccountPage({ me }: { me: Me }) {
  const t = useMessages(accountMessages);
  const p = useMessages(passwordMessages);
  const c = useMessages(common);
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (mismatch(value)) return setResult({ ok: false, text: p.mismatch });
    setBusy(true);
    setResult(null);
    try {
      await api('/api/auth/password', { body: { currentPassword: current, newPassword: value.password } });
      setResult({ ok: true, text: t.changed });
      setCurrent('');
      setValue({ password: '', repeat: '' });
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : t.failed });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>{t.title}</h1>
      <dl className="facts">
        <dt>{t.name}</dt><dd>{me.name}</dd>
        <dt>{t.email}</dt><dd>{me.email}</dd>
        <dt>{t.role}</dt><dd>{c.role[me.role]}</dd>
        <dt>{t.organisation}</dt><dd>{me.organisation.name}</dd>
      </dl>
      <form className="card narrow" onSubmit={submit}>
        <h2>{t.changeTitle}</h2>
        {/* the email lets a password manager file the new password under the right account */}
        <input type="email" name="username" autoComplete="username" value={me.email} readOnly hidden />
        <label>{t.currentPassword}<input type="password" name="current-password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required maxLength={200} /></label>
        <NewPasswordFields value={value} onChange={setValue} />
        {result && <p className={result.ok ? 'notice-inline' : 'error'} role={result.ok ? 'status' : 'alert'}>{result.text}</p>}
        <button type="submit" disabled={busy}>{busy ? t.changing : t.change}</button>
      </form>
    </section>
  );
}

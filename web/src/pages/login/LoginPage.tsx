import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Link, navigate } from '../../router.tsx';
import type { Me } from '../staff/session.ts';
import { LangSwitch } from '../staff/LangSwitch.tsx';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { loginMessages } from './login.messages.ts';
import { passwordMessages } from './password.messages.ts';

export default function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const t = useMessages(loginMessages);
  const c = useMessages(common);
  const p = useMessages(passwordMessages);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const { user } = await api<{ user: Me }>('/api/auth/login', { body: { email, password } });
      onLogin(user);
      const next = new URLSearchParams(location.search).get('next');
      navigate(next && next.startsWith('/') && next !== '/login' ? next : user.role === 'coordinator' ? '/school' : '/dept/campaigns', true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.failed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="card">
        <h1>{t.title}</h1>
        <p className="muted">{c.appTitle}</p>
        <label>{t.email}<input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        <label>{t.password}<input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? t.busy : t.submit}</button>
        <p className="small"><Link to="/forgot-password">{p.forgotLink}</Link></p>
      </form>
      <p className="lang-corner"><LangSwitch /></p>
    </main>
  );
}

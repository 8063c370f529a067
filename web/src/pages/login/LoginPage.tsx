import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { navigate } from '../../router.tsx';
import type { Me } from '../staff/session.ts';

export default function LoginPage({ onLogin }: { onLogin: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
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
      setError(err instanceof ApiError ? err.message : 'Не удалось войти');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="card">
        <h1>Вход</h1>
        <p className="muted">Мониторинг качества образования</p>
        <label>Электронная почта<input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        <label>Пароль<input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Вход…' : 'Войти'}</button>
      </form>
    </main>
  );
}

// "Forgot password": the same answer whether or not the address has an account.
import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { Link } from '../../router.tsx';
import { LangSwitch } from '../staff/LangSwitch.tsx';
import { passwordMessages } from './password.messages.ts';

export default function ForgotPasswordPage() {
  const t = useMessages(passwordMessages);
  const c = useMessages(common);
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'form' | 'busy' | 'sent'>('form');
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setState('busy');
    setError('');
    try {
      await api('/api/auth/password-reset', { body: { email } });
      setState('sent');
    } catch (err) {
      // only a transport problem or a rate limit lands here, never "no such account"
      setError(err instanceof ApiError ? err.message : t.failed);
      setState('form');
    }
  };
  return (
    <main className="login">
      <div className="card">
        <h1>{t.forgotTitle}</h1>
        <p className="muted">{c.appTitle}</p>
        {state === 'sent' ? (
          <p className="notice-inline" role="status">{t.forgotSent}</p>
        ) : (
          <form onSubmit={submit}>
            <p>{t.forgotIntro}</p>
            <label>{t.email}<input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} /></label>
            {error && <p className="error" role="alert">{error}</p>}
            <button type="submit" disabled={state === 'busy'}>{state === 'busy' ? t.sending : t.send}</button>
          </form>
        )}
        <p><Link to="/login">{t.backToLogin}</Link></p>
      </div>
      <p className="lang-corner"><LangSwitch /></p>
    </main>
  );
}

// The page a reset or welcome mail links to: set a new password with the one-time token.
import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { LangSwitch } from '../staff/LangSwitch.tsx';
import { mismatch, NewPasswordFields, type NewPassword } from './NewPasswordFields.tsx';
import { passwordMessages } from './password.messages.ts';

export default function ResetPasswordPage() {
  const t = useMessages(passwordMessages);
  const c = useMessages(common);
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token') ?? '';
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [state, setState] = useState<'form' | 'busy' | 'done' | 'invalid'>(token ? 'form' : 'invalid');
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    if (mismatch(value)) return setError(t.mismatch);
    setState('busy');
    try {
      await api('/api/auth/password-reset/confirm', { body: { token, newPassword: value.password } });
      setState('done');
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.reset_invalid') return setState('invalid');
      setError(err instanceof ApiError ? err.message : t.failed);
      setState('form');
    }
  };
  return (
    <main className="login">
      <div className="card">
        <h1>{state === 'done' ? t.resetDone : state === 'invalid' ? t.linkInvalidTitle : t.resetTitle}</h1>
        <p className="muted">{c.appTitle}</p>
        {state === 'done' && (
          <>
            <p className="notice-inline" role="status">{t.resetDoneText}</p>
            <button type="button" onClick={() => navigate('/login')}>{t.login}</button>
          </>
        )}
        {state === 'invalid' && (
          <>
            <p className="error" role="alert">{token ? t.linkInvalid : t.noToken}</p>
            <p><Link to="/forgot-password">{t.requestNew}</Link></p>
          </>
        )}
        {(state === 'form' || state === 'busy') && (
          <form onSubmit={submit}>
            <p>{t.resetIntro}</p>
            <NewPasswordFields value={value} onChange={setValue} />
            {error && <p className="error" role="alert">{error}</p>}
            <button type="submit" disabled={state === 'busy'}>{state === 'busy' ? t.saving : t.setPassword}</button>
          </form>
        )}
      </div>
      <p className="lang-corner"><LangSwitch /></p>
    </main>
  );
}

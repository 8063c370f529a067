// New password + repeat, with the length rule shown: the reset page and the account page.
import { useId } from 'react';
import { useMessages } from '../../i18n/messages.ts';
import { passwordMessages } from './password.messages.ts';
import { PASSWORD_MIN } from './password.rules.ts';

export type NewPassword = { password: string; repeat: string };

/** The client's own check before sending: the two fields agree (the server checks the rest). */
export const mismatch = (v: NewPassword) => v.password !== v.repeat;

export function NewPasswordFields({ value, onChange }: { value: NewPassword; onChange: (v: NewPassword) => void }) {
  const t = useMessages(passwordMessages);
  const ruleId = useId();
  return (
    <>
      <label>{t.newPassword}<input type="password" name="new-password" autoComplete="new-password" value={value.password} minLength={PASSWORD_MIN} maxLength={128} required aria-describedby={ruleId} onChange={(e) => onChange({ ...value, password: e.target.value })} /></label>
      <p className="muted small" id={ruleId}>{t.rule(PASSWORD_MIN)}</p>
      <label>{t.repeatPassword}<input type="password" name="repeat-password" autoComplete="new-password" value={value.repeat} required onChange={(e) => onChange({ ...value, repeat: e.target.value })} /></label>
    </>
  );
}

// Password rules after OWASP ASVS 4.0 L2 (V2.1): length over composition. At least 12
// characters (code points, so Cyrillic counts like Latin), at most 128, any characters; no
// rules about digits or case, which push people to predictable patterns. The few refusals on
// top are passwords anyone would try first for this account.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const OBVIOUS = ['123456789012', 'qwertyuiopas', 'йцукенгшщзхъ', 'password1234', 'пароль123456'];

/** Why this password is refused, in Russian, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Пароль должен быть не короче ${PASSWORD_MIN} символов`;
  if (length > PASSWORD_MAX) return `Пароль должен быть не длиннее ${PASSWORD_MAX} символов`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'Пароль слишком простой: в нём почти одни одинаковые символы';
  if (email && (lower.includes(email.toLowerCase()) || lower.includes(email.toLowerCase().split('@')[0]!) && email.split('@')[0]!.length >= 6)) return 'Пароль не должен содержать адрес почты';
  if (OBVIOUS.some((o) => lower.startsWith(o))) return 'Этот пароль слишком распространён, выберите другой';
  return null;
}

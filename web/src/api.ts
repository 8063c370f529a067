// The one place the staff app talks to the server: JSON in and out, errors as ApiError with the
// server's stable code and a message in the user's language (the server's Russian text, or the
// English text for its code).
import { englishError } from './i18n/errors.messages.ts';
import { getLang } from './i18n/lang.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: { field?: string; message: string }[]) {
    super(getLang() === 'en' ? (englishError(code) ?? message) : message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch {
    throw new ApiError(0, 'network.offline', 'Нет связи с сервером');
  }
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = body.error ?? {};
    if (res.status === 401 && !path.startsWith('/api/auth/login') && !path.startsWith('/api/public')) {
      window.dispatchEvent(new CustomEvent('session-expired'));
    }
    throw new ApiError(res.status, e.code ?? 'http.' + res.status, e.message ?? `Ошибка ${res.status}`, e.details);
  }
  return body as T;
}

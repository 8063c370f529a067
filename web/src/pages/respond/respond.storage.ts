// Never lose an answer: the draft lives on the device as it is typed, and a finished answer
// waits in an outbox until the server has acknowledged it. The response id is made here, so
// sending it again after a lost connection never stores it twice.
export type Draft = { id: string; data: Record<string, unknown>; page: number };
export type Queued = { code: string; id: string; data: Record<string, unknown>; token?: string; queuedAt: string };
export type Done = { id: string; result?: unknown; html?: string };

const read = <T,>(key: string): T | null => {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
};
const write = (key: string, value: unknown) => localStorage.setItem(key, JSON.stringify(value));

export const drafts = {
  get: (code: string) => read<Draft>(`draft:${code}`),
  save: (code: string, draft: Draft) => write(`draft:${code}`, draft),
  clear: (code: string) => localStorage.removeItem(`draft:${code}`),
};

export const done = {
  get: (code: string) => read<Done>(`done:${code}`),
  save: (code: string, value: Done) => write(`done:${code}`, value),
  clear: (code: string) => localStorage.removeItem(`done:${code}`),
};

export const outbox = {
  all: () => read<Queued[]>('outbox') ?? [],
  add: (item: Queued) => write('outbox', [...outbox.all().filter((q) => q.id !== item.id), item]),
  remove: (id: string) => write('outbox', outbox.all().filter((q) => q.id !== id)),
};

// An answer the server refused (a used link, a closed survey, an answer it could not accept)
// stays on the device, so the page can say why and give the answers back instead of losing them.
export type Refused = Queued & { message: string; errorCode?: string };
export const refused = {
  get: (code: string) => read<Refused>(`refused:${code}`),
  save: (item: Refused) => write(`refused:${item.code}`, item),
  clear: (code: string) => localStorage.removeItem(`refused:${code}`),
};

export const newId = () =>
  crypto.randomUUID?.() ??
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) => (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (Number(c) / 4)))).toString(16));

type SendResult = { ok: true; result?: unknown } | { ok: false; retry: boolean; message: string; code?: string };

/** Sends one queued answer; a network failure or a 5xx leaves it queued for the next try. */
export async function send(item: Queued): Promise<SendResult> {
  try {
    const res = await fetch(`/api/public/s/${item.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: item.id, data: item.data, ...(item.token ? { token: item.token } : {}) }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      outbox.remove(item.id);
      return { ok: true, result: body.result };
    }
    if (res.status >= 500 || res.status === 429) return { ok: false, retry: true, message: 'Сервер временно недоступен' };
    const message: string = body.error?.message ?? `Ошибка ${res.status}`;
    refused.save({ ...item, message, errorCode: body.error?.code });
    // nothing may go on saying this answer was sent
    if (done.get(item.code)?.id === item.id) done.clear(item.code);
    outbox.remove(item.id);
    return { ok: false, retry: false, message, code: body.error?.code };
  } catch {
    return { ok: false, retry: true, message: 'Нет связи' };
  }
}

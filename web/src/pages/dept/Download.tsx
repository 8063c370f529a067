import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { getLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { downloadMessages } from './download.messages.ts';

/** Where a download is: kilobytes so far, finished, or failed with the server's message (null: no connection). */
type Progress = { state: 'receiving' | 'done'; kilobytes: number } | { state: 'failed'; message: string | null };

/** A download button that shows how much has arrived: exports are streamed and can be large. */
export function Download({ href, label }: { href: string; label: string }) {
  const t = useMessages(downloadMessages);
  const [progress, setProgress] = useState<Progress | null>(null);
  const start = async () => {
    setProgress({ state: 'receiving', kilobytes: 0 });
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => ({}));
        // ApiError puts the server's message in the user's language by its code
        const error = new ApiError(res.status, body.error?.code ?? `http.${res.status}`, body.error?.message ?? downloadMessages[getLang()].error(res.status));
        setProgress({ state: 'failed', message: error.message });
        return;
      }
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        setProgress({ state: 'receiving', kilobytes: Math.round(received / 1024) });
      }
      const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export');
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? undefined }));
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      a.click();
      URL.revokeObjectURL(url);
      setProgress({ state: 'done', kilobytes: Math.round(received / 1024) });
    } catch {
      setProgress({ state: 'failed', message: null });
    }
  };
  const text = !progress ? '' : progress.state === 'failed' ? (progress.message ?? t.offline) : progress.state === 'done' ? t.done(progress.kilobytes) : t.received(progress.kilobytes);
  return (
    <span className="download">
      <button className="secondary" onClick={start}>{label}</button>
      {text && <span className="muted small" role="status"> {text}</span>}
    </span>
  );
}

import { useState } from 'react';

/** A download button that shows how much has arrived: exports are streamed and can be large. */
export function Download({ href, label }: { href: string; label: string }) {
  const [progress, setProgress] = useState<string>('');
  const start = async () => {
    setProgress('0 КБ');
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok || !res.body) {
        const body = await res.json().catch(() => ({}));
        setProgress(body.error?.message ?? `Ошибка ${res.status}`);
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
        setProgress(`${Math.round(received / 1024)} КБ`);
      }
      const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export');
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? undefined }));
      const a = Object.assign(document.createElement('a'), { href: url, download: name });
      a.click();
      URL.revokeObjectURL(url);
      setProgress(`готово, ${Math.round(received / 1024)} КБ`);
    } catch {
      setProgress('нет связи');
    }
  };
  return (
    <span className="download">
      <button className="secondary" onClick={start}>{label}</button>
      {progress && <span className="muted small" role="status"> {progress}</span>}
    </span>
  );
}

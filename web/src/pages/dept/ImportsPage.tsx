import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { useMessages } from '../../i18n/messages.ts';
import { importsMessages } from './imports.messages.ts';

type Report = { kind: 'ok'; rows: number; fileName: string } | { kind: 'error'; message: string; details: { field?: string; message: string }[] };

const readFile = (file: File, binary: boolean) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(binary ? String(reader.result).split(',')[1] : String(reader.result));
    reader.onerror = () => reject(reader.error);
    if (binary) reader.readAsDataURL(file);
    else reader.readAsText(file, 'utf-8');
  });

export default function ImportsPage() {
  const t = useMessages(importsMessages);
  const [busy, setBusy] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const upload = async (file: File) => {
    setReport(null);
    const format = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    setBusy(t.reading(file.name, Math.round(file.size / 1024)));
    try {
      const content = await readFile(file, format === 'xlsx');
      setBusy(t.checking);
      const res = await api<{ rows: number; fileName: string }>('/api/imports/values', { body: { fileName: file.name, format, content } });
      setReport({ kind: 'ok', ...res });
    } catch (e) {
      const err = e as ApiError;
      setReport({ kind: 'error', message: err.message, details: err.details ?? [] });
    } finally {
      setBusy('');
    }
  };
  return (
    <section>
      <h1>{t.title}</h1>
      <p>{t.introBefore}<b>{t.columns}</b>{t.introAfter}</p>
      <label>{t.file} <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} /></label>
      {busy && <p role="status" className="muted">{busy}</p>}
      {report?.kind === 'ok' && <p className="notice-inline" role="status">{t.loaded(report.rows, report.fileName)}</p>}
      {report?.kind === 'error' && (
        <div className="error" role="alert">
          <p>{report.message}</p>
          <table className="table"><thead><tr><th>{t.colWhere}</th><th>{t.colProblem}</th></tr></thead><tbody>{report.details.map((d, i) => <tr key={i}><td>{d.field}</td><td>{d.message}</td></tr>)}</tbody></table>
        </div>
      )}
    </section>
  );
}

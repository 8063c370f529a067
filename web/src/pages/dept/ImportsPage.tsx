import { useState } from 'react';
import { api, ApiError } from '../../api.ts';

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
  const [busy, setBusy] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const upload = async (file: File) => {
    setReport(null);
    const format = file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    setBusy(`Чтение файла «${file.name}» (${Math.round(file.size / 1024)} КБ)…`);
    try {
      const content = await readFile(file, format === 'xlsx');
      setBusy('Проверка и загрузка строк…');
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
      <h1>Импорт значений</h1>
      <p>Файл CSV (разделитель «;» или «,») или XLSX — выгрузка из региональной системы. Столбцы: <b>код ОО; переменная; период; начало периода; значение</b>. Если хоть одна строка с ошибкой, файл не загружается целиком, а вы получаете список строк для исправления.</p>
      <label>Файл <input type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} /></label>
      {busy && <p role="status" className="muted">{busy}</p>}
      {report?.kind === 'ok' && <p className="notice-inline" role="status">Загружено строк: {report.rows} из файла «{report.fileName}».</p>}
      {report?.kind === 'error' && (
        <div className="error" role="alert">
          <p>{report.message}</p>
          <table className="table"><thead><tr><th>Где</th><th>Что не так</th></tr></thead><tbody>{report.details.map((d, i) => <tr key={i}><td>{d.field}</td><td>{d.message}</td></tr>)}</tbody></table>
        </div>
      )}
    </section>
  );
}

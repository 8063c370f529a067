import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import type { Me } from '../staff/session.ts';
import { DataTable } from './DataTable.tsx';
import { useApi } from './useApi.ts';

type Org = { id: string; parentId: string | null; level: string; code: string; name: string; timeZone: string | null; kind: string | null; type: string | null; settlement: string | null };
const LEVEL: Record<string, string> = { root: 'вся система', region: 'регион', municipality: 'муниципалитет', institution: 'организация' };
const KIND: Record<string, string> = { school: 'ОО (школа)', kindergarten: 'ДОО', supplementary: 'УДО' };
const SETTLEMENT: Record<string, string> = { urban: 'город', rural: 'село' };

export default function OrganisationsPage({ me }: { me: Me }) {
  const { data, reload } = useApi<Org[]>('/api/organisations');
  const byId = new Map(data?.map((o) => [o.id, o]));
  const municipalities = data?.filter((o) => o.level === 'municipality') ?? [];
  const canEdit = me.role === 'admin' || me.role === 'analyst';
  return (
    <section>
      <h1>Организации</h1>
      {data && (
        <DataTable
          id="orgs"
          rows={data}
          rowKey={(o) => o.id}
          columns={[
            { key: 'name', title: 'Наименование', value: (o) => o.name },
            { key: 'code', title: 'Код', value: (o) => o.code },
            { key: 'level', title: 'Уровень', value: (o) => LEVEL[o.level] },
            { key: 'kind', title: 'Вид', value: (o) => (o.kind ? KIND[o.kind] : null) },
            { key: 'settlement', title: 'Местность', value: (o) => (o.settlement ? SETTLEMENT[o.settlement] : null) },
            { key: 'parent', title: 'Входит в', value: (o) => (o.parentId ? byId.get(o.parentId)?.name ?? null : null) },
            { key: 'tz', title: 'Часовой пояс', value: (o) => o.timeZone ?? (o.parentId ? byId.get(o.parentId)?.timeZone ?? null : null) },
          ]}
        />
      )}
      {canEdit && municipalities.length > 0 && <AddInstitution municipalities={municipalities} onDone={reload} />}
      {canEdit && municipalities.length > 0 && <ImportInstitutions municipalities={municipalities} onDone={reload} />}
    </section>
  );
}

function AddInstitution({ municipalities, onDone }: { municipalities: Org[]; onDone: () => void }) {
  const [form, setForm] = useState({ parentId: municipalities[0].id, code: '', name: '', kind: 'school', settlement: 'urban' });
  const [message, setMessage] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/organisations', { body: form });
      setMessage(`Добавлена: ${form.name}`);
      setForm({ ...form, code: '', name: '' });
      onDone();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'Не добавлено');
    }
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="card" onSubmit={submit}>
      <h2>Добавить организацию</h2>
      <div className="filters">
        <label>Муниципалитет <select value={form.parentId} onChange={set('parentId')}>{municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></label>
        <label>Код <input value={form.code} onChange={set('code')} required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*" /></label>
        <label>Наименование <input value={form.name} onChange={set('name')} required /></label>
        <label>Вид <select value={form.kind} onChange={set('kind')}>{Object.entries(KIND).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
        <label>Местность <select value={form.settlement} onChange={set('settlement')}>{Object.entries(SETTLEMENT).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
      </div>
      <button type="submit">Добавить</button> {message && <span role="status">{message}</span>}
    </form>
  );
}

function ImportInstitutions({ municipalities, onDone }: { municipalities: Org[]; onDone: () => void }) {
  const [municipalityId, setMunicipality] = useState(municipalities[0].id);
  const [report, setReport] = useState<{ text: string; details: { field?: string; message: string }[] } | null>(null);
  const upload = async (file: File) => {
    const csv = await file.text();
    try {
      const r = await api<{ imported: number }>('/api/organisations/import', { body: { municipalityId, csv } });
      setReport({ text: `Импортировано организаций: ${r.imported}`, details: [] });
      onDone();
    } catch (err) {
      const e = err as ApiError;
      setReport({ text: e.message, details: e.details ?? [] });
    }
  };
  return (
    <div className="card">
      <h2>Импорт списка организаций (CSV)</h2>
      <p className="muted">Столбцы: код; наименование; вид (ОО, ДОО, УДО); тип; местность. Файл с ошибками не загружается целиком.</p>
      <div className="filters">
        <label>Муниципалитет <select value={municipalityId} onChange={(e) => setMunicipality(e.target.value)}>{municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></label>
        <label>Файл <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} /></label>
      </div>
      {report && <div role="status"><p>{report.text}</p>{report.details.length > 0 && <ul>{report.details.map((d, i) => <li key={i}>{d.field}: {d.message}</li>)}</ul>}</div>}
    </div>
  );
}

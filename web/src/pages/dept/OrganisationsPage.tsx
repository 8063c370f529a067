import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import type { Me } from '../staff/session.ts';
import { DataTable } from './DataTable.tsx';
import { organisationsMessages } from './organisations.messages.ts';
import { useApi } from './useApi.ts';

type Org = { id: string; parentId: string | null; level: string; code: string; name: string; timeZone: string | null; kind: string | null; type: string | null; settlement: string | null };
const KINDS = ['school', 'kindergarten', 'supplementary'];
const SETTLEMENTS = ['urban', 'rural'];

export default function OrganisationsPage({ me }: { me: Me }) {
  const t = useMessages(organisationsMessages);
  const c = useMessages(common);
  const { data, reload } = useApi<Org[]>('/api/organisations');
  const byId = new Map(data?.map((o) => [o.id, o]));
  const municipalities = data?.filter((o) => o.level === 'municipality') ?? [];
  const canEdit = me.role === 'admin' || me.role === 'analyst';
  return (
    <section>
      <h1>{t.title}</h1>
      {data && (
        <DataTable
          id="orgs"
          rows={data}
          rowKey={(o) => o.id}
          columns={[
            { key: 'name', title: t.colName, value: (o) => o.name },
            { key: 'code', title: t.colCode, value: (o) => o.code },
            { key: 'level', title: t.colLevel, value: (o) => t.level[o.level] },
            { key: 'kind', title: t.colKind, value: (o) => (o.kind ? t.kind[o.kind] : null) },
            { key: 'settlement', title: t.colSettlement, value: (o) => (o.settlement ? c.settlement[o.settlement] : null) },
            { key: 'parent', title: t.colParent, value: (o) => (o.parentId ? byId.get(o.parentId)?.name ?? null : null) },
            { key: 'tz', title: t.colTimeZone, value: (o) => o.timeZone ?? (o.parentId ? byId.get(o.parentId)?.timeZone ?? null : null) },
          ]}
        />
      )}
      {canEdit && municipalities.length > 0 && <AddInstitution municipalities={municipalities} onDone={reload} />}
      {canEdit && municipalities.length > 0 && <ImportInstitutions municipalities={municipalities} onDone={reload} />}
    </section>
  );
}

function AddInstitution({ municipalities, onDone }: { municipalities: Org[]; onDone: () => void }) {
  const t = useMessages(organisationsMessages);
  const c = useMessages(common);
  const [form, setForm] = useState({ parentId: municipalities[0].id, code: '', name: '', kind: 'school', settlement: 'urban' });
  const [message, setMessage] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      await api('/api/organisations', { body: form });
      setMessage(t.added(form.name));
      setForm({ ...form, code: '', name: '' });
      onDone();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : t.notAdded);
    }
  };
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t.addTitle}</h2>
      <div className="filters">
        <label>{t.municipality} <select value={form.parentId} onChange={set('parentId')}>{municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></label>
        <label>{t.colCode} <input value={form.code} onChange={set('code')} required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]*" /></label>
        <label>{t.colName} <input value={form.name} onChange={set('name')} required /></label>
        <label>{t.colKind} <select value={form.kind} onChange={set('kind')}>{KINDS.map((k) => <option key={k} value={k}>{t.kind[k]}</option>)}</select></label>
        <label>{t.colSettlement} <select value={form.settlement} onChange={set('settlement')}>{SETTLEMENTS.map((k) => <option key={k} value={k}>{c.settlement[k]}</option>)}</select></label>
      </div>
      <button type="submit">{t.add}</button> {message && <span role="status">{message}</span>}
    </form>
  );
}

function ImportInstitutions({ municipalities, onDone }: { municipalities: Org[]; onDone: () => void }) {
  const t = useMessages(organisationsMessages);
  const [municipalityId, setMunicipality] = useState(municipalities[0].id);
  const [report, setReport] = useState<{ text: string; details: { field?: string; message: string }[] } | null>(null);
  const upload = async (file: File) => {
    const csv = await file.text();
    try {
      const r = await api<{ imported: number }>('/api/organisations/import', { body: { municipalityId, csv } });
      setReport({ text: t.imported(r.imported), details: [] });
      onDone();
    } catch (err) {
      const e = err as ApiError;
      setReport({ text: e.message, details: e.details ?? [] });
    }
  };
  return (
    <div className="card">
      <h2>{t.importTitle}</h2>
      <p className="muted">{t.importHint}</p>
      <div className="filters">
        <label>{t.municipality} <select value={municipalityId} onChange={(e) => setMunicipality(e.target.value)}>{municipalities.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></label>
        <label>{t.file} <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0])} /></label>
      </div>
      {report && <div role="status"><p>{report.text}</p>{report.details.length > 0 && <ul>{report.details.map((d, i) => <li key={i}>{d.field}: {d.message}</li>)}</ul>}</div>}
    </div>
  );
}

import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Link, navigate, useQueryState } from '../../router.tsx';
import { AUDIENCE_LABEL } from '../school/labels.ts';
import type { Me } from '../staff/session.ts';
import { useApi } from './useApi.ts';
import { SchedulesPanel } from './SchedulesPanel.tsx';

type Campaign = { id: string; title: string; audience: string; period: { label: string }; deadline: string; state: string; targetRate: number; totals: { assignments: number; expected: number; completed: number; submitted: number } };
type FormSummary = { id: string; title: string; kind: string; latestVersion: number; latestVersionId: string };
type Org = { id: string; name: string; level: string; kind: string | null };

const STATE_LABEL: Record<string, string> = { scheduled: 'запланирован', open: 'идёт', closed: 'завершён' };
const AUDIENCE_OF: Record<string, string> = { self_report: 'institution', parent_survey: 'parents', student_diagnostic: 'students' };
export const rateClass = (rate: number | null, target: number) => (rate === null ? '' : rate >= target ? 'zone-green' : rate >= target * 0.6 ? 'zone-yellow' : 'zone-red');

export default function CampaignsPage({ me }: { me: Me }) {
  const { data: campaigns, reload } = useApi<Campaign[]>('/api/campaigns');
  const [formParam] = useQueryState('form');
  const canCreate = me.role === 'admin' || me.role === 'analyst';
  return (
    <section>
      <h1>Сбор данных и отклик</h1>
      <table className="table">
        <thead><tr><th>Сбор</th><th>Период</th><th>Срок</th><th>Состояние</th><th>Отклик</th></tr></thead>
        <tbody>
          {campaigns?.map((c) => {
            const rate = c.audience === 'institution' ? (c.totals.assignments ? Math.round((c.totals.submitted / c.totals.assignments) * 100) : null) : c.totals.expected ? Math.round((c.totals.completed / c.totals.expected) * 100) : null;
            return (
              <tr key={c.id}>
                <td><Link to={`/dept/campaigns/${c.id}`}>{c.title}</Link><div className="muted">{AUDIENCE_LABEL[c.audience]}</div></td>
                <td>{c.period.label}</td>
                <td>{c.deadline.replace('T', ' ')}</td>
                <td>{STATE_LABEL[c.state]}</td>
                <td className={rateClass(rate, c.targetRate)}>{rate === null ? '—' : `${rate} %`} <span className="muted">({c.audience === 'institution' ? `${c.totals.submitted} из ${c.totals.assignments} ОО` : `${c.totals.completed} из ${c.totals.expected}`})</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {campaigns?.length === 0 && <p>Сборов пока нет.</p>}
      {canCreate && <NewCampaign me={me} initialForm={formParam} onCreated={(id) => { reload(); navigate(`/dept/campaigns/${id}`); }} />}
      {canCreate && <SchedulesPanel me={me} />}
    </section>
  );
}

function NewCampaign({ me, initialForm, onCreated }: { me: Me; initialForm: string; onCreated: (id: string) => void }) {
  const { data: forms } = useApi<FormSummary[]>('/api/forms');
  const { data: orgs } = useApi<Org[]>('/api/organisations');
  const [formVersionId, setFormVersionId] = useState(initialForm);
  const [title, setTitle] = useState('');
  const [period, setPeriod] = useState({ kind: 'school_year', label: '2026/27', start: '2026-09-01', end: '2027-08-31' });
  const [opensAt, setOpensAt] = useState(new Date().toISOString().slice(0, 16));
  const [deadline, setDeadline] = useState('');
  const [units, setUnits] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>([]);
  const [error, setError] = useState('');
  const form = forms?.find((f) => f.latestVersionId === formVersionId);
  const pickable = orgs?.filter((o) => o.level === 'municipality' || o.level === 'institution') ?? [];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError('');
    try {
      const res = await api<{ id: string }>('/api/campaigns', {
        body: { formVersionId, title: title || form?.title, audience: AUDIENCE_OF[form?.kind ?? 'self_report'], period, opensAt: new Date(opensAt).toISOString(), deadline, units: units.length ? units : [me.organisation.id], ...(kinds.length ? { institutionKinds: kinds } : {}) },
      });
      onCreated(res.id);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message}${err.details ? ': ' + err.details.map((d) => `${d.field} — ${d.message}`).join('; ') : ''}` : 'Не удалось создать');
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>Новый сбор</h2>
      <label>Форма <select name="formVersionId" value={formVersionId} onChange={(e) => setFormVersionId(e.target.value)} required><option value="">— выберите —</option>{forms?.map((f) => <option key={f.id} value={f.latestVersionId}>{f.title} (в. {f.latestVersion})</option>)}</select></label>
      <label>Название <input name="title" value={title} placeholder={form?.title} onChange={(e) => setTitle(e.target.value)} /></label>
      <div className="filters">
        <label>Период <select value={period.kind} onChange={(e) => setPeriod({ ...period, kind: e.target.value })}><option value="school_year">учебный год</option><option value="year">календарный год</option><option value="quarter">квартал</option><option value="month">месяц</option><option value="date">на дату</option></select></label>
        <label>Обозначение <input name="period-label" value={period.label} onChange={(e) => setPeriod({ ...period, label: e.target.value })} /></label>
        <label>с <input type="date" value={period.start} onChange={(e) => setPeriod({ ...period, start: e.target.value })} /></label>
        <label>по <input type="date" value={period.end} onChange={(e) => setPeriod({ ...period, end: e.target.value })} /></label>
      </div>
      <div className="filters">
        <label>Открытие <input type="datetime-local" name="opensAt" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} /></label>
        <label>Срок (время муниципалитета) <input type="datetime-local" name="deadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} required /></label>
      </div>
      <fieldset>
        <legend>Кого охватить (если ничего не выбрано — все организации вашей территории)</legend>
        <select multiple name="units" size={8} value={units} onChange={(e) => setUnits([...e.target.selectedOptions].map((o) => o.value))}>
          {pickable.map((o) => <option key={o.id} value={o.id}>{o.level === 'municipality' ? '▸ ' : '    '}{o.name}</option>)}
        </select>
        <div>{[['school', 'школы'], ['kindergarten', 'детские сады'], ['supplementary', 'доп. образование']].map(([k, l]) => (
          <label key={k} className="inline"><input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} /> {l}</label>
        ))}</div>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit">Запустить сбор</button>
    </form>
  );
}

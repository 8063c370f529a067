import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Link, navigate, useQueryState } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { campaignsMessages } from './campaigns.messages.ts';
import type { Me } from '../staff/session.ts';
import { useApi } from './useApi.ts';
import { SchedulesPanel } from './SchedulesPanel.tsx';
import { audienceOf } from './form-audience.ts';

type Campaign = { id: string; title: string; audience: string; period: { label: string }; deadline: string; state: string; targetRate: number; totals: { assignments: number; expected: number; completed: number; submitted: number } };
type FormSummary = { id: string; title: string; kind: string; latestVersion: number; latestVersionId: string };
type Org = { id: string; name: string; level: string; kind: string | null };

const PERIOD_KINDS = ['school_year', 'year', 'quarter', 'month', 'date'];
const INSTITUTION_KINDS = ['school', 'kindergarten', 'supplementary'];
export const rateClass = (rate: number | null, target: number) => (rate === null ? '' : rate >= target ? 'zone-green' : rate >= target * 0.6 ? 'zone-yellow' : 'zone-red');

export default function CampaignsPage({ me }: { me: Me }) {
  const t = useMessages(campaignsMessages);
  const c = useMessages(common);
  const { data: campaigns, reload } = useApi<Campaign[]>('/api/campaigns');
  const [formParam] = useQueryState('form');
  const canCreate = me.role === 'admin' || me.role === 'analyst';
  return (
    <section>
      <h1>{t.title}</h1>
      <table className="table">
        <thead><tr><th>{t.colCampaign}</th><th>{t.colPeriod}</th><th>{t.colDeadline}</th><th>{t.colState}</th><th>{t.colRate}</th></tr></thead>
        <tbody>
          {campaigns?.map((campaign) => {
            const rate = campaign.audience === 'institution' ? (campaign.totals.assignments ? Math.round((campaign.totals.submitted / campaign.totals.assignments) * 100) : null) : campaign.totals.expected ? Math.round((campaign.totals.completed / campaign.totals.expected) * 100) : null;
            return (
              <tr key={campaign.id}>
                <td><Link to={`/dept/campaigns/${campaign.id}`}>{campaign.title}</Link><div className="muted">{c.audience[campaign.audience]}</div></td>
                <td>{campaign.period.label}</td>
                <td>{campaign.deadline.replace('T', ' ')}</td>
                <td>{c.campaignState[campaign.state]}</td>
                <td className={rateClass(rate, campaign.targetRate)}>{rate === null ? '—' : c.percent(rate)} <span className="muted">({campaign.audience === 'institution' ? t.ofInstitutions(campaign.totals.submitted, campaign.totals.assignments) : c.of(campaign.totals.completed, campaign.totals.expected)})</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {campaigns?.length === 0 && <p>{t.empty}</p>}
      {canCreate && <NewCampaign me={me} initialForm={formParam} onCreated={(id) => { reload(); navigate(`/dept/campaigns/${id}`); }} />}
      {canCreate && <SchedulesPanel me={me} />}
    </section>
  );
}

function NewCampaign({ me, initialForm, onCreated }: { me: Me; initialForm: string; onCreated: (id: string) => void }) {
  const { data: forms } = useApi<FormSummary[]>('/api/forms');
  const { data: orgs } = useApi<Org[]>('/api/organisations');
  const t = useMessages(campaignsMessages);
  const c = useMessages(common);
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
        body: { formVersionId, title: title || form?.title, audience: audienceOf(form?.kind), period, opensAt: new Date(opensAt).toISOString(), deadline, units: units.length ? units : [me.organisation.id], ...(kinds.length ? { institutionKinds: kinds } : {}) },
      });
      onCreated(res.id);
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message}${err.details ? ': ' + err.details.map((d) => `${d.field} — ${d.message}`).join('; ') : ''}` : t.createFailed);
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t.newCampaign}</h2>
      <label>{t.form} <select name="formVersionId" value={formVersionId} onChange={(e) => setFormVersionId(e.target.value)} required><option value="">{c.choose}</option>{forms?.map((f) => <option key={f.id} value={f.latestVersionId}>{f.title} ({t.version(f.latestVersion)})</option>)}</select></label>
      <label>{t.name} <input name="title" value={title} placeholder={form?.title} onChange={(e) => setTitle(e.target.value)} /></label>
      <div className="filters">
        <label>{t.period} <select value={period.kind} onChange={(e) => setPeriod({ ...period, kind: e.target.value })}>{PERIOD_KINDS.map((k) => <option key={k} value={k}>{c.periodKind[k]}</option>)}</select></label>
        <label>{t.periodLabel} <input name="period-label" value={period.label} onChange={(e) => setPeriod({ ...period, label: e.target.value })} /></label>
        <label>{t.from} <input type="date" value={period.start} onChange={(e) => setPeriod({ ...period, start: e.target.value })} /></label>
        <label>{t.to} <input type="date" value={period.end} onChange={(e) => setPeriod({ ...period, end: e.target.value })} /></label>
      </div>
      <div className="filters">
        <label>{t.opensAt} <input type="datetime-local" name="opensAt" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} /></label>
        <label>{t.deadline} <input type="datetime-local" name="deadline" value={deadline} onChange={(e) => setDeadline(e.target.value)} required /></label>
      </div>
      <fieldset>
        <legend>{t.coverage}</legend>
        <select multiple name="units" size={8} value={units} onChange={(e) => setUnits([...e.target.selectedOptions].map((o) => o.value))}>
          {pickable.map((o) => <option key={o.id} value={o.id}>{o.level === 'municipality' ? '▸ ' : '    '}{o.name}</option>)}
        </select>
        <div>{INSTITUTION_KINDS.map((k) => (
          <label key={k} className="inline"><input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} /> {c.kind[k]}</label>
        ))}</div>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      {/* a form picked by link (?form=) is known only once the list arrives; sending before
          that would go without its title and audience */}
      <button type="submit" disabled={Boolean(formVersionId) && !form}>{t.launch}</button>
    </form>
  );
}

import { useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { Link } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { campaignMessages } from './campaign.messages.ts';
import type { Me } from '../staff/session.ts';
import { rateClass } from './CampaignsPage.tsx';
import { useApi } from './useApi.ts';
import { Download } from './Download.tsx';
import { DataTable } from './DataTable.tsx';
import { ChartView, completionsConfig } from './Chart.tsx';

type Totals = { expected: number; started: number; completed: number; completedOnTime: number; institutions: number; submitted: number; rate: number | null };
type Assignment = { id: string; institution: { name: string; municipality: string }; status: string; deadlineLocal: string; expected: number; started: number; completed: number; completedOnTime: number; rate: number | null; publicCode: string | null; returnComment: string | null };
type Rates = { timeline: { day: string; completed: number }[]; opensAt: string; campaign: { id: string; title: string; audience: string; targetRate: number; deadline: string; state: string }; total: Totals; municipalities: (Totals & { id: string; name: string })[]; institutions: Assignment[]; lagging: { id: string; institution: string }[] };

export default function CampaignPage({ id, me }: { id: string; me: Me }) {
  const { data, error, reload } = useApi<Rates>(`/api/campaigns/${id}/rates`);
  const t = useMessages(campaignMessages);
  const c = useMessages(common);
  const lang = useLang();
  // how many reminder emails the last click planned; the text follows the language
  const [reminded, setReminded] = useState<number | null>(null);
  const chart = useMemo(() => data && completionsConfig(data.timeline, data.opensAt, data.campaign.deadline, data.campaign.audience === 'institution' ? data.total.institutions : data.total.expected, data.campaign.targetRate, lang), [data, lang]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p className="loading">{c.loading}</p>;
  const { campaign, total } = data;
  const selfReport = campaign.audience === 'institution';
  const reviewer = me.role === 'admin' || me.role === 'analyst';
  const act = async (assignment: string, action: 'accept' | 'return' | 'reopen') => {
    const body = action === 'return' ? { comment: prompt(t.returnComment) ?? '' } : action === 'reopen' ? { until: prompt(t.newDeadline) ?? '' } : undefined;
    try {
      await api(`/api/assignments/${assignment}/${action}`, { method: 'POST', body });
      reload();
    } catch (e) {
      alert((e as Error).message);
    }
  };
  const shownRate = selfReport ? (total.institutions ? Math.round((total.submitted / total.institutions) * 1000) / 10 : null) : total.rate;
  const percent = (v: number | null) => c.percent(formatNumber(lang, v));
  return (
    <section>
      <p><Link to="/dept/campaigns">{t.allCampaigns}</Link></p>
      <h1 translate="no">{campaign.title}</h1>
      <p className="muted">{c.audience[campaign.audience]} · {t.summary(campaign.deadline.replace('T', ' '), formatNumber(lang, campaign.targetRate))}</p>
      <div className="kpis">
        <div className={`kpi ${rateClass(shownRate, campaign.targetRate)}`} data-testid="total-rate"><b>{percent(shownRate)}</b><span>{t.rate}</span></div>
        {selfReport ? <div className="kpi"><b>{c.of(total.submitted, total.institutions)}</b><span>{t.reportsSubmitted}</span></div> : <div className="kpi"><b>{c.of(total.completed, total.expected)}</b><span>{t.responsesOfExpected}</span></div>}
        <div className="kpi"><b>{total.started}</b><span>{t.started}</span></div>
        <div className="kpi"><b>{total.completedOnTime}</b><span>{t.onTime}</span></div>
      </div>
      {chart && <div className="card"><h2>{t.byDay}</h2><ChartView config={chart} label={t.chartLabel} /></div>}
      {data.municipalities.length > 1 && (
        <table className="table"><thead><tr><th>{t.colMunicipality}</th><th>{t.colExpected}</th><th>{t.colCompleted}</th><th>{t.colRate}</th></tr></thead>
          <tbody>{data.municipalities.map((m) => <tr key={m.id}><td>{m.name}</td><td>{m.expected}</td><td>{m.completed}</td><td className={rateClass(m.rate, campaign.targetRate)}>{percent(m.rate)}</td></tr>)}</tbody></table>
      )}
      <p>
        <Download href={`/api/exports/campaigns/${id}/rates?format=xlsx`} label={t.downloadRates} />{' '}
        {reviewer && <Download href={`/api/exports/campaigns/${id}/responses?format=xlsx`} label={t.downloadResponses} />}{' '}
        {reviewer && <Download href={`/api/exports/campaigns/${id}/responses?format=csv&labels=false`} label={t.downloadCodes} />}
      </p>
      <h2>{t.institutions}</h2>
      <DataTable
        id="institutions"
        rows={data.institutions}
        rowKey={(a) => a.id}
        rowTestId={(a) => `row-${a.institution.name}`}
        columns={[
          { key: 'name', title: t.colInstitution, value: (a) => a.institution.name, render: (a) => <>{a.institution.name}<div className="muted">{a.institution.municipality}</div>{a.publicCode && <div className="muted">/s/{a.publicCode}</div>}</> },
          ...(selfReport ? [{ key: 'status', title: t.colStatus, value: (a: Assignment) => c.status[a.status] ?? a.status, render: (a: Assignment) => <span className={`status status-${a.status}`}>{c.status[a.status] ?? a.status}</span> }] : []),
          { key: 'expected', title: t.colExpected, value: (a) => a.expected },
          { key: 'started', title: t.colStarted, value: (a) => Math.max(a.started, a.completed) },
          { key: 'completed', title: t.colCompleted, value: (a) => a.completed },
          { key: 'onTime', title: t.colOnTime, value: (a) => a.completedOnTime },
          { key: 'rate', title: t.colRate, value: (a) => a.rate, render: (a) => (a.rate === null ? '—' : percent(a.rate)), className: (a) => rateClass(a.rate, campaign.targetRate) },
          { key: 'deadline', title: t.colDeadline, value: (a) => a.deadlineLocal },
          ...(reviewer && selfReport
            ? [{ key: 'actions', title: t.colActions, value: () => null, render: (a: Assignment) => (
                <span className="row-actions">
                  {a.status === 'submitted' && <button className="secondary" onClick={() => act(a.id, 'accept')}>{t.accept}</button>}
                  {['submitted', 'accepted'].includes(a.status) && <button className="secondary" onClick={() => act(a.id, 'return')}>{t.return}</button>}
                  {!['submitted', 'accepted'].includes(a.status) && <button className="secondary" onClick={() => act(a.id, 'reopen')}>{t.reopen}</button>}
                </span>
              ) }]
            : []),
        ]}
      />
      {data.lagging.length > 0 && (
        <div className="warning">
          <p>{t.lagging(data.lagging.map((l) => l.institution).join(', '))}</p>
          {reviewer && campaign.state === 'open' && (
            <button onClick={async () => {
              const { planned } = await api<{ planned: number }>(`/api/campaigns/${id}/remind`, { method: 'POST' });
              setReminded(planned);
            }}>{t.remind}</button>
          )}
          {reminded !== null && <p role="status">{t.reminded(reminded)} · <Link to={`/dept/mails?campaign=${id}`}>{t.mails}</Link></p>}
        </div>
      )}
    </section>
  );
}

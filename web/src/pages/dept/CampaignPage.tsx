import { useState } from 'react';
import { api } from '../../api.ts';
import { Link } from '../../router.tsx';
import { AUDIENCE_LABEL, STATUS_LABEL } from '../school/labels.ts';
import type { Me } from '../staff/session.ts';
import { rateClass } from './CampaignsPage.tsx';
import { useApi } from './useApi.ts';
import { Download } from './Download.tsx';
import { DataTable } from './DataTable.tsx';
import { ChartView, completionsConfig } from './Chart.tsx';
import { useMemo } from 'react';

type Totals = { expected: number; started: number; completed: number; completedOnTime: number; institutions: number; submitted: number; rate: number | null };
type Assignment = { id: string; institution: { name: string; municipality: string }; status: string; deadlineLocal: string; expected: number; started: number; completed: number; completedOnTime: number; rate: number | null; publicCode: string | null; returnComment: string | null };
type Rates = { timeline: { day: string; completed: number }[]; opensAt: string; campaign: { id: string; title: string; audience: string; targetRate: number; deadline: string; state: string }; total: Totals; municipalities: (Totals & { name: string })[]; institutions: Assignment[]; lagging: { id: string; institution: string }[] };

export default function CampaignPage({ id, me }: { id: string; me: Me }) {
  const { data, error, reload } = useApi<Rates>(`/api/campaigns/${id}/rates`);
  const [reminded, setReminded] = useState('');
  const chart = useMemo(() => data && completionsConfig(data.timeline, data.opensAt, data.campaign.deadline, data.campaign.audience === 'institution' ? data.total.institutions : data.total.expected, data.campaign.targetRate), [data]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p className="loading">Загрузка…</p>;
  const { campaign, total } = data;
  const selfReport = campaign.audience === 'institution';
  const reviewer = me.role === 'admin' || me.role === 'analyst';
  const act = async (assignment: string, action: 'accept' | 'return' | 'reopen') => {
    const body = action === 'return' ? { comment: prompt('Комментарий для организации') ?? '' } : action === 'reopen' ? { until: prompt('Новый срок (ГГГГ-ММ-ДДTЧЧ:ММ, время муниципалитета)') ?? '' } : undefined;
    try {
      await api(`/api/assignments/${assignment}/${action}`, { method: 'POST', body });
      reload();
    } catch (e) {
      alert((e as Error).message);
    }
  };
  const shownRate = selfReport ? (total.institutions ? Math.round((total.submitted / total.institutions) * 1000) / 10 : null) : total.rate;
  return (
    <section>
      <p><Link to="/dept/campaigns">← Все сборы</Link></p>
      <h1>{campaign.title}</h1>
      <p className="muted">{AUDIENCE_LABEL[campaign.audience]} · срок {campaign.deadline.replace('T', ' ')} (время муниципалитета) · цель отклика {campaign.targetRate} %</p>
      <div className="kpis">
        <div className={`kpi ${rateClass(shownRate, campaign.targetRate)}`} data-testid="total-rate"><b>{shownRate ?? '—'} %</b><span>отклик</span></div>
        {selfReport ? <div className="kpi"><b>{total.submitted} из {total.institutions}</b><span>отчётов отправлено</span></div> : <div className="kpi"><b>{total.completed} из {total.expected}</b><span>ответов из ожидаемых</span></div>}
        <div className="kpi"><b>{total.started}</b><span>начали</span></div>
        <div className="kpi"><b>{total.completedOnTime}</b><span>в срок</span></div>
      </div>
      {chart && <div className="card"><h2>Ответы по дням</h2><ChartView config={chart} label="Число завершённых ответов по дням и нарастающим итогом относительно срока" /></div>}
      {data.municipalities.length > 1 && (
        <table className="table"><thead><tr><th>Муниципалитет</th><th>Ожидается</th><th>Завершили</th><th>Отклик</th></tr></thead>
          <tbody>{data.municipalities.map((m) => <tr key={m.name}><td>{m.name}</td><td>{m.expected}</td><td>{m.completed}</td><td className={rateClass(m.rate, campaign.targetRate)}>{m.rate ?? '—'} %</td></tr>)}</tbody></table>
      )}
      <p>
        <Download href={`/api/exports/campaigns/${id}/rates?format=xlsx`} label="Отклик (XLSX)" />{' '}
        {reviewer && <Download href={`/api/exports/campaigns/${id}/responses?format=xlsx`} label="Ответы (XLSX)" />}{' '}
        {reviewer && <Download href={`/api/exports/campaigns/${id}/responses?format=csv&labels=false`} label="Ответы, коды (CSV)" />}
      </p>
      <h2>Организации</h2>
      <DataTable
        id="institutions"
        rows={data.institutions}
        rowKey={(a) => a.id}
        rowTestId={(a) => `row-${a.institution.name}`}
        columns={[
          { key: 'name', title: 'Организация', value: (a) => a.institution.name, render: (a) => <>{a.institution.name}<div className="muted">{a.institution.municipality}</div>{a.publicCode && <div className="muted">/s/{a.publicCode}</div>}</> },
          ...(selfReport ? [{ key: 'status', title: 'Статус', value: (a: Assignment) => STATUS_LABEL[a.status], render: (a: Assignment) => <span className={`status status-${a.status}`}>{STATUS_LABEL[a.status]}</span> }] : []),
          { key: 'expected', title: 'Ожидается', value: (a) => a.expected },
          { key: 'started', title: 'Начали', value: (a) => Math.max(a.started, a.completed) },
          { key: 'completed', title: 'Завершили', value: (a) => a.completed },
          { key: 'onTime', title: 'В срок', value: (a) => a.completedOnTime },
          { key: 'rate', title: 'Отклик', value: (a) => a.rate, render: (a) => (a.rate === null ? '—' : `${a.rate} %`), className: (a) => rateClass(a.rate, campaign.targetRate) },
          { key: 'deadline', title: 'Срок', value: (a) => a.deadlineLocal },
          ...(reviewer && selfReport
            ? [{ key: 'actions', title: 'Действия', value: () => null, render: (a: Assignment) => (
                <span className="row-actions">
                  {a.status === 'submitted' && <button className="secondary" onClick={() => act(a.id, 'accept')}>Принять</button>}
                  {['submitted', 'accepted'].includes(a.status) && <button className="secondary" onClick={() => act(a.id, 'return')}>Вернуть</button>}
                  {!['submitted', 'accepted'].includes(a.status) && <button className="secondary" onClick={() => act(a.id, 'reopen')}>Продлить срок</button>}
                </span>
              ) }]
            : []),
        ]}
      />
      {data.lagging.length > 0 && (
        <div className="warning">
          <p>Отстают: {data.lagging.map((l) => l.institution).join(', ')}</p>
          {reviewer && campaign.state === 'open' && (
            <button onClick={async () => {
              const { planned } = await api<{ planned: number }>(`/api/campaigns/${id}/remind`, { method: 'POST' });
              setReminded(planned ? `Запланировано писем: ${planned} (в тихие часы получателей — утром)` : 'Новых писем нет: недавно уже напоминали или напоминать некому');
            }}>Напомнить отстающим сейчас</button>
          )}
          {reminded && <p role="status">{reminded} · <Link to={`/dept/mails?campaign=${id}`}>письма</Link></p>}
        </div>
      )}
    </section>
  );
}

import { Link, useQueryState } from '../../router.tsx';
import { useApi } from './useApi.ts';

type MailRow = { id: string; template: string; recipient: string; subject: string; text: string; plannedAt: string; state: string; attempts: number; lastError: string | null; sentAt: string | null; transport: string | null; campaign: string; campaignId: string };
const STATE: Record<string, string> = { planned: 'запланировано', sending: 'отправляется', sent: 'отправлено', failed: 'ошибка', cancelled: 'отменено (цель достигнута)' };
const TEMPLATE: Record<string, string> = { self_report_reminder: 'напоминание об отчёте', survey_reminder: 'напоминание об опросе', invitation: 'приглашение', invitation_reminder: 'напоминание приглашённому', digest: 'сводка аналитику' };
const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' }) : '—');

export default function MailsPage() {
  const [campaign] = useQueryState('campaign');
  const [state, setState] = useQueryState('state');
  const { data, reload } = useApi<MailRow[]>(`/api/mails${campaign ? `?campaign=${campaign}` : ''}`);
  const rows = data?.filter((m) => !state || m.state === state) ?? [];
  return (
    <section>
      <h1>Исходящие письма</h1>
      <p className="muted">Без настроенного SMTP письма остаются здесь (отметка «outbox»). Время — ваше местное.</p>
      <div className="filters">
        <label>Состояние <select value={state} onChange={(e) => setState(e.target.value)}><option value="">все</option>{Object.entries(STATE).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
        <button className="secondary" onClick={reload}>Обновить</button>
      </div>
      <table className="table">
        <thead><tr><th>Кому</th><th>Письмо</th><th>Сбор</th><th>Запланировано</th><th>Состояние</th><th>Отправлено</th></tr></thead>
        <tbody>{rows.map((m) => (
          <tr key={m.id}>
            <td>{m.recipient}</td>
            <td><details><summary>{m.subject}</summary><pre className="mail-text">{m.text}</pre></details><div className="muted small">{TEMPLATE[m.template] ?? m.template}</div></td>
            <td><Link to={`/dept/campaigns/${m.campaignId}`}>{m.campaign}</Link></td>
            <td>{time(m.plannedAt)}</td>
            <td>{STATE[m.state] ?? m.state}{m.attempts > 1 ? ` (попыток: ${m.attempts})` : ''}{m.lastError && <div className="error small">{m.lastError}</div>}</td>
            <td>{time(m.sentAt)}{m.transport ? <div className="muted small">{m.transport}</div> : null}</td>
          </tr>
        ))}</tbody>
      </table>
      {data && rows.length === 0 && <p>Писем нет.</p>}
    </section>
  );
}

import { Link, useQueryState } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { mailsMessages } from './mails.messages.ts';
import { useApi } from './useApi.ts';

type MailRow = { id: string; template: string; recipient: string; subject: string; text: string; plannedAt: string; state: string; attempts: number; lastError: string | null; sentAt: string | null; transport: string | null; campaign: string; campaignId: string };

export default function MailsPage() {
  const t = useMessages(mailsMessages);
  const c = useMessages(common);
  const lang = useLang();
  const time = (iso: string | null) => formatDateTime(lang, iso);
  const [campaign] = useQueryState('campaign');
  const [state, setState] = useQueryState('state');
  const { data, reload } = useApi<MailRow[]>(`/api/mails${campaign ? `?campaign=${campaign}` : ''}`);
  const rows = data?.filter((m) => !state || m.state === state) ?? [];
  return (
    <section>
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <div className="filters">
        <label>{t.stateFilter} <select value={state} onChange={(e) => setState(e.target.value)}><option value="">{c.all}</option>{Object.entries(t.state).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
        <button className="secondary" onClick={reload}>{t.refresh}</button>
      </div>
      <table className="table">
        <thead><tr><th>{t.colTo}</th><th>{t.colMail}</th><th>{t.colCampaign}</th><th>{t.colPlanned}</th><th>{t.colState}</th><th>{t.colSent}</th></tr></thead>
        <tbody>{rows.map((m) => (
          <tr key={m.id}>
            <td>{m.recipient}</td>
            <td><details translate="no"><summary>{m.subject}</summary><pre className="mail-text">{m.text}</pre></details><div className="muted small">{t.template[m.template] ?? m.template}</div></td>
            <td><Link to={`/dept/campaigns/${m.campaignId}`}>{m.campaign}</Link></td>
            <td>{time(m.plannedAt)}</td>
            <td>{t.state[m.state] ?? m.state}{m.attempts > 1 ? t.attempts(m.attempts) : ''}{m.lastError && <div className="error small">{m.lastError}</div>}</td>
            <td>{time(m.sentAt)}{m.transport ? <div className="muted small">{m.transport}</div> : null}</td>
          </tr>
        ))}</tbody>
      </table>
      {data && rows.length === 0 && <p>{t.empty}</p>}
    </section>
  );
}

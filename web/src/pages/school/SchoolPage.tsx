import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { useMessages } from '../../i18n/messages.ts';
import { schoolMessages } from './school.messages.ts';

type MyAssignment = {
  id: string; campaignTitle: string; audience: string; periodLabel: string; deadlineLocal: string; status: string;
  publicCode: string | null; expected: number; completed: number; rate: number | null; returnComment: string | null;
  institution: { name: string; timeZone: string };
};

export default function SchoolPage() {
  const [items, setItems] = useState<MyAssignment[] | null>(null);
  const t = useMessages(schoolMessages);
  const c = useMessages(common);
  useEffect(() => void api<MyAssignment[]>('/api/assignments').then(setItems), []);
  if (!items) return <p className="loading">{c.loading}</p>;
  return (
    <section>
      <h1>{t.title}</h1>
      {items.length === 0 && <p>{t.empty}</p>}
      <table className="table">
        <thead><tr><th>{t.colCampaign}</th><th>{t.colPeriod}</th><th>{t.colDeadline}</th><th>{t.colStatus}</th><th>{t.colResponse}</th><th /></tr></thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid={`assignment-${a.id}`}>
              <td>{a.campaignTitle}<div className="muted">{c.audience[a.audience]}</div>{a.returnComment && a.status === 'returned' && <div className="warning">{t.comment(a.returnComment)}</div>}</td>
              <td>{a.periodLabel}</td>
              <td>{a.deadlineLocal}<div className="muted">{a.institution.timeZone}</div></td>
              <td><span className={`status status-${a.status}`}>{c.status[a.status] ?? a.status}</span></td>
              <td>{a.audience === 'institution' ? '—' : `${c.of(a.completed, a.expected)}${a.rate !== null ? ` (${c.percent(a.rate)})` : ''}`}</td>
              <td>
                {a.audience === 'institution' ? (
                  <Link to={`/school/report/${a.id}`} className="button">{['submitted', 'accepted'].includes(a.status) ? t.open : t.fill}</Link>
                ) : (
                  a.publicCode && (
                    <div className="share">
                      <a href={`/s/${a.publicCode}`} target="_blank" rel="noreferrer">{location.origin}/s/{a.publicCode}</a>
                      <QrSheet id={a.id} />
                      <Invite id={a.id} />
                    </div>
                  )
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Invite({ id }: { id: string }) {
  const [emails, setEmails] = useState('');
  const [result, setResult] = useState('');
  const t = useMessages(schoolMessages);
  const send = async () => {
    try {
      const r = await api<{ invited: number; skipped: number }>(`/api/assignments/${id}/invitations`, { body: { emails: emails.split(/[\s,;]+/).filter(Boolean) } });
      setResult(t.invited(r.invited, r.skipped));
      setEmails('');
    } catch (e) {
      setResult(e instanceof ApiError ? e.message : t.notSent);
    }
  };
  return (
    <details>
      <summary>{t.invitations}</summary>
      <textarea aria-label={t.invitationEmails} rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} placeholder={t.invitationHint} />
      <button className="secondary" onClick={send} disabled={!emails.trim()}>{t.send}</button>
      {result && <p role="status">{result}</p>}
    </details>
  );
}

/** The printable A4 sheet: one code for the school, or one per class for class meetings. */
function QrSheet({ id }: { id: string }) {
  const [classes, setClasses] = useState('');
  const t = useMessages(schoolMessages);
  const href = `/api/assignments/${id}/qr-sheet${classes.trim() ? `?classes=${encodeURIComponent(classes)}` : ''}`;
  return (
    <div>
      <input aria-label={t.qrClasses} placeholder={t.qrClassesHint} value={classes} onChange={(e) => setClasses(e.target.value)} />
      <a className="button secondary" href={href} target="_blank" rel="noreferrer">{t.qrSheet}</a>
    </div>
  );
}

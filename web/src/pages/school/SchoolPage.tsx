import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { AUDIENCE_LABEL, STATUS_LABEL } from './labels.ts';

type MyAssignment = {
  id: string; campaignTitle: string; audience: string; periodLabel: string; deadlineLocal: string; status: string;
  publicCode: string | null; expected: number; completed: number; rate: number | null; returnComment: string | null;
  institution: { name: string; timeZone: string };
};

export default function SchoolPage() {
  const [items, setItems] = useState<MyAssignment[] | null>(null);
  useEffect(() => void api<MyAssignment[]>('/api/assignments').then(setItems), []);
  if (!items) return <p className="loading">Загрузка…</p>;
  return (
    <section>
      <h1>Мои задания</h1>
      {items.length === 0 && <p>Заданий пока нет.</p>}
      <table className="table">
        <thead><tr><th>Сбор</th><th>Период</th><th>Срок (местное время)</th><th>Статус</th><th>Отклик</th><th /></tr></thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-testid={`assignment-${a.id}`}>
              <td>{a.campaignTitle}<div className="muted">{AUDIENCE_LABEL[a.audience]}</div>{a.returnComment && a.status === 'returned' && <div className="warning">Комментарий: {a.returnComment}</div>}</td>
              <td>{a.periodLabel}</td>
              <td>{a.deadlineLocal}<div className="muted">{a.institution.timeZone}</div></td>
              <td><span className={`status status-${a.status}`}>{STATUS_LABEL[a.status] ?? a.status}</span></td>
              <td>{a.audience === 'institution' ? '—' : `${a.completed} из ${a.expected}${a.rate !== null ? ` (${a.rate} %)` : ''}`}</td>
              <td>
                {a.audience === 'institution' ? (
                  <Link to={`/school/report/${a.id}`} className="button">{['submitted', 'accepted'].includes(a.status) ? 'Открыть' : 'Заполнить'}</Link>
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
  const send = async () => {
    try {
      const r = await api<{ invited: number; skipped: number }>(`/api/assignments/${id}/invitations`, { body: { emails: emails.split(/[\s,;]+/).filter(Boolean) } });
      setResult(`Приглашений: ${r.invited}${r.skipped ? `, пропущено повторов: ${r.skipped}` : ''}`);
      setEmails('');
    } catch (e) {
      setResult(e instanceof ApiError ? e.message : 'Не отправлено');
    }
  };
  return (
    <details>
      <summary>Личные приглашения по почте</summary>
      <textarea aria-label="Адреса родителей" rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} placeholder="адреса через запятую или с новой строки" />
      <button className="secondary" onClick={send} disabled={!emails.trim()}>Разослать</button>
      {result && <p role="status">{result}</p>}
    </details>
  );
}

/** The printable A4 sheet: one code for the school, or one per class for class meetings. */
function QrSheet({ id }: { id: string }) {
  const [classes, setClasses] = useState('');
  const href = `/api/assignments/${id}/qr-sheet${classes.trim() ? `?classes=${encodeURIComponent(classes)}` : ''}`;
  return (
    <div>
      <input aria-label="Классы для листа QR-кодов" placeholder="классы через запятую: 1А, 1Б (необязательно)" value={classes} onChange={(e) => setClasses(e.target.value)} />
      <a className="button secondary" href={href} target="_blank" rel="noreferrer">QR-код для печати (A4)</a>
    </div>
  );
}

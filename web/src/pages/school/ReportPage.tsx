import { useEffect, useMemo, useRef, useState } from 'react';
import { Model } from 'survey-core';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { api, ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { STATUS_LABEL } from './labels.ts';

type ReportState = {
  assignment: { id: string; status: string; returnComment: string | null; institution: { name: string } };
  campaign: { title: string; periodLabel: string; deadline: string };
  form: { versionId: string; json: Record<string, unknown> };
  data: Record<string, unknown>;
  status: string;
  editable: boolean;
  previous: Record<string, { value: number; period: string }>;
  audit: { at: string; user: string | null; action: { kind: string; comment?: string }; changes: { field: string; old: unknown; new: unknown }[] }[];
};

export default function ReportPage({ id }: { id: string }) {
  const [state, setState] = useState<ReportState | null>(null);
  const [error, setError] = useState('');
  const [flash, setFlash] = useState('');
  const load = () => api<ReportState>(`/api/assignments/${id}/report`).then(setState, (e: ApiError) => setError(e.message));
  useEffect(() => void load(), [id]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!state) return <p className="loading">Загрузка…</p>;
  // a new key after submission remounts the form in its new (read-only) mode; the message stays here
  return <ReportForm key={state.status + state.audit.length} state={state} flash={flash} onSubmitted={(next) => { setFlash('Отчёт отправлен. Спасибо!'); setState(next); }} />;
}

function ReportForm({ state, flash, onSubmitted }: { state: ReportState; flash: string; onSubmitted: (s: ReportState) => void }) {
  const [saved, setSaved] = useState('');
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const model = useMemo(() => {
    const m = new Model(state.form.json);
    m.locale = 'ru';
    m.showCompletedPage = false;
    // last period's value beside each field
    for (const q of m.getAllQuestions()) {
      const prev = state.previous[q.name];
      if (prev) q.description = `${q.description ? q.description + '. ' : ''}В прошлом периоде (${prev.period}): ${prev.value}`;
    }
    m.data = state.data;
    if (!state.editable) m.mode = 'display';
    const saveDraft = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        try {
          const { savedAt } = await api<{ savedAt: string }>(`/api/assignments/${state.assignment.id}/draft`, { method: 'PUT', body: { data: m.data } });
          setSaved(`Черновик сохранён в ${new Date(savedAt).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' })}`);
        } catch (e) {
          setSaved(e instanceof ApiError ? `Черновик не сохранён: ${e.message}` : 'Черновик не сохранён');
        }
      }, 800);
    };
    m.onValueChanged.add(saveDraft);
    m.onCompleting.add(async (sender, options) => {
      options.allow = false; // the server decides; the page stays until it says yes
      clearTimeout(timer.current);
      try {
        const next = await api<ReportState>(`/api/assignments/${state.assignment.id}/submit`, { body: { data: sender.data } });
        onSubmitted(next);
      } catch (e) {
        setMessage(e instanceof ApiError ? e.message : 'Отчёт не отправлен');
      }
    });
    return m;
  }, [state]);
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <section className="report">
      <p><Link to="/school">← Мои задания</Link></p>
      <h1>{state.campaign.title}</h1>
      <p className="muted">{state.assignment.institution.name} · период {state.campaign.periodLabel} · срок {state.campaign.deadline} · статус: <b data-testid="report-status">{STATUS_LABEL[state.status]}</b></p>
      {state.status === 'returned' && state.assignment.returnComment && <p className="warning" role="alert">Возвращён на доработку: {state.assignment.returnComment}</p>}
      {(message || flash) && <p className={message ? 'error' : 'notice-inline'} role="status">{message || flash}</p>}
      {state.editable && <p className="muted" aria-live="polite" data-testid="draft-status">{saved || 'Черновик сохраняется автоматически'}</p>}
      <Survey model={model} />
      {state.audit.length > 0 && (
        <details>
          <summary>История изменений</summary>
          <ul>{state.audit.map((a, i) => <li key={i}>{new Date(a.at).toLocaleString('ru-RU')} — {a.user ?? '—'}: {a.action.kind}{a.action.comment ? ` («${a.action.comment}»)` : ''}{a.changes.map((c) => `; ${c.field}: ${String(c.old)} → ${String(c.new)}`).join('')}</li>)}</ul>
        </details>
      )}
    </section>
  );
}

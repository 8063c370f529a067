import { useEffect, useMemo, useRef, useState } from 'react';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { api, ApiError } from '../../api.ts';
import { createSafeModel } from '../../survey/safe-model.ts';
import { Link } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { formatDateTime, formatTime } from '../../i18n/format.ts';
import { getLang, useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { reportMessages } from './school.messages.ts';

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
  const t = useMessages(reportMessages);
  const c = useMessages(common);
  const load = () => api<ReportState>(`/api/assignments/${id}/report`).then(setState, (e: ApiError) => setError(e.message));
  useEffect(() => void load(), [id]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!state) return <p className="loading">{c.loading}</p>;
  // a new key after submission remounts the form in its new (read-only) mode; the message stays here
  return <ReportForm key={state.status + state.audit.length} state={state} flash={flash} onSubmitted={(next) => { setFlash(t.submitted); setState(next); }} />;
}

function ReportForm({ state, flash, onSubmitted }: { state: ReportState; flash: string; onSubmitted: (s: ReportState) => void }) {
  const [saved, setSaved] = useState('');
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const lang = useLang();
  const t = useMessages(reportMessages);
  const c = useMessages(common);
  // the model is built once per state: rebuilding it on a language switch would drop unsaved input
  const tRef = useRef(t);
  tRef.current = t;
  const model = useMemo(() => {
    const m = createSafeModel(state.form.json);
    m.locale = 'ru';
    m.showCompletedPage = false;
    m.data = state.data;
    if (!state.editable) m.mode = 'display';
    const saveDraft = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(async () => {
        try {
          const { savedAt } = await api<{ savedAt: string }>(`/api/assignments/${state.assignment.id}/draft`, { method: 'PUT', body: { data: m.data } });
          setSaved(tRef.current.draftSaved(formatTime(getLang(), savedAt)));
        } catch (e) {
          setSaved(e instanceof ApiError ? tRef.current.draftNotSavedBecause(e.message) : tRef.current.draftNotSaved);
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
        setMessage(e instanceof ApiError ? e.message : tRef.current.notSubmitted);
      }
    });
    return m;
  }, [state]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // last period's value beside each field, in the current language
  const descriptions = useMemo(() => new Map(model.getAllQuestions().map((q) => [q.name, q.description as string])), [model]);
  useEffect(() => {
    for (const q of model.getAllQuestions()) {
      const prev = state.previous[q.name];
      const own = descriptions.get(q.name);
      if (prev) q.description = `${own ? own + '. ' : ''}${t.lastPeriod(prev.period, prev.value)}`;
    }
  }, [model, descriptions, t, state.previous]);

  return (
    <section className="report">
      <p><Link to="/school">{t.back}</Link></p>
      <h1>{state.campaign.title}</h1>
      <p className="muted">{state.assignment.institution.name} · {t.meta(state.campaign.periodLabel, state.campaign.deadline)} <b data-testid="report-status">{c.status[state.status]}</b></p>
      {state.status === 'returned' && state.assignment.returnComment && <p className="warning" role="alert">{t.returned(state.assignment.returnComment)}</p>}
      {(message || flash) && <p className={message ? 'error' : 'notice-inline'} role="status">{message || flash}</p>}
      {state.editable && <p className="muted" aria-live="polite" data-testid="draft-status">{saved || t.autosave}</p>}
      <Survey model={model} />
      {state.audit.length > 0 && (
        <details>
          <summary>{t.history}</summary>
          <ul>{state.audit.map((a, i) => <li key={i}>{formatDateTime(lang, a.at)} — {a.user ?? '—'}: {t.action[a.action.kind] ?? a.action.kind}{a.action.comment ? ` («${a.action.comment}»)` : ''}{a.changes.map((ch) => `; ${ch.field}: ${String(ch.old)} → ${String(ch.new)}`).join('')}</li>)}</ul>
        </details>
      )}
    </section>
  );
}

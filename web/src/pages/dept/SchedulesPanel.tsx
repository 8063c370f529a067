import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { common } from '../../i18n/common.messages.ts';
import { formatDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import type { Me } from '../staff/session.ts';
import { schedulesMessages } from './schedules.messages.ts';
import { useApi } from './useApi.ts';
import { audienceOf } from './form-audience.ts';

type Schedule = { id: string; title: string; periodKind: string; opensDaysBeforeEnd: number; dueDaysAfterEnd: number; dueTime: string; activeUntil: string | null };
type FormSummary = { id: string; title: string; kind: string; latestVersion: number; latestVersionId: string };
type Next = { period: string; opensAt: string; deadline: string };
/** The outcome of the last save, kept as data so the text follows the language. */
type Outcome = { next: Next } | { error: string };

/** Recurring collections: set up once a year, each period's campaign opens by itself. */
export function SchedulesPanel({ me }: { me: Me }) {
  const { data: schedules, reload } = useApi<Schedule[]>('/api/schedules');
  const { data: forms } = useApi<FormSummary[]>('/api/forms');
  const t = useMessages(schedulesMessages);
  const c = useMessages(common);
  const lang = useLang();
  const [form, setForm] = useState({ formVersionId: '', title: '', periodKind: 'quarter', opensDaysBeforeEnd: 5, dueDaysAfterEnd: 5, dueTime: '23:59' });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const chosen = forms?.find((f) => f.latestVersionId === form.formVersionId);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const res = await api<{ next: Next }>('/api/schedules', {
        body: { ...form, title: form.title || chosen?.title, audience: audienceOf(chosen?.kind), units: [me.organisation.id] },
      });
      setOutcome({ next: res.next });
      reload();
    } catch (err) {
      setOutcome({ error: err instanceof ApiError ? err.message : t.notSaved });
    }
  };
  const message = !outcome ? '' : 'error' in outcome ? outcome.error : t.saved(outcome.next.period, formatDate(lang, outcome.next.opensAt), outcome.next.deadline.replace('T', ' '));
  return (
    <div className="card">
      <h2>{t.title}</h2>
      {schedules?.length ? (
        <ul>{schedules.map((s) => <li key={s.id}>{s.title} — {t.schedule(t.frequency[s.periodKind] ?? s.periodKind, s.opensDaysBeforeEnd, s.dueDaysAfterEnd, s.dueTime)}</li>)}</ul>
      ) : <p className="muted">{t.empty}</p>}
      <form onSubmit={submit}>
        <div className="filters">
          <label>{t.form} <select value={form.formVersionId} onChange={(e) => setForm({ ...form, formVersionId: e.target.value })} required><option value="">{c.choose}</option>{forms?.map((f) => <option key={f.id} value={f.latestVersionId}>{f.title}</option>)}</select></label>
          <label>{t.name} <input value={form.title} placeholder={chosen?.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
          <label>{t.periodKind} <select value={form.periodKind} onChange={(e) => setForm({ ...form, periodKind: e.target.value })}>{Object.entries(t.frequency).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
          <label>{t.opensBefore} <input type="number" value={form.opensDaysBeforeEnd} onChange={(e) => setForm({ ...form, opensDaysBeforeEnd: Number(e.target.value) })} /></label>
          <label>{t.dueAfter} <input type="number" value={form.dueDaysAfterEnd} onChange={(e) => setForm({ ...form, dueDaysAfterEnd: Number(e.target.value) })} /></label>
          <label>{t.dueTime} <input type="time" value={form.dueTime} onChange={(e) => setForm({ ...form, dueTime: e.target.value })} /></label>
        </div>
        <button type="submit">{t.submit}</button> {message && <span role="status">{message}</span>}
      </form>
    </div>
  );
}

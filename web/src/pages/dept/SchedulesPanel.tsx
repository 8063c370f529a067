import { useState } from 'react';
import { api, ApiError } from '../../api.ts';
import type { Me } from '../staff/session.ts';
import { useApi } from './useApi.ts';

type Schedule = { id: string; title: string; periodKind: string; opensDaysBeforeEnd: number; dueDaysAfterEnd: number; dueTime: string; activeUntil: string | null };
type FormSummary = { id: string; title: string; kind: string; latestVersion: number; latestVersionId: string };

const PERIOD: Record<string, string> = { month: 'ежемесячно', quarter: 'ежеквартально', term: 'каждую четверть', half_year: 'раз в полугодие', year: 'ежегодно (календарный год)', school_year: 'ежегодно (учебный год)', season: 'летний сезон (июнь–август)' };
const AUDIENCE_OF: Record<string, string> = { self_report: 'institution', parent_survey: 'parents', student_diagnostic: 'students' };

/** Recurring collections: set up once a year, each period's campaign opens by itself. */
export function SchedulesPanel({ me }: { me: Me }) {
  const { data: schedules, reload } = useApi<Schedule[]>('/api/schedules');
  const { data: forms } = useApi<FormSummary[]>('/api/forms');
  const [form, setForm] = useState({ formVersionId: '', title: '', periodKind: 'quarter', opensDaysBeforeEnd: 5, dueDaysAfterEnd: 5, dueTime: '23:59' });
  const [message, setMessage] = useState('');
  const chosen = forms?.find((f) => f.latestVersionId === form.formVersionId);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const res = await api<{ next: { period: string; opensAt: string; deadline: string } }>('/api/schedules', {
        body: { ...form, title: form.title || chosen?.title, audience: AUDIENCE_OF[chosen?.kind ?? 'self_report'], units: [me.organisation.id] },
      });
      setMessage(`Готово. Ближайший период ${res.next.period}: открытие ${new Date(res.next.opensAt).toLocaleDateString('ru-RU')}, срок ${res.next.deadline.replace('T', ' ')} (время муниципалитета).`);
      reload();
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'Не сохранено');
    }
  };
  return (
    <div className="card">
      <h2>Регулярные сборы</h2>
      {schedules?.length ? (
        <ul>{schedules.map((s) => <li key={s.id}>{s.title} — {PERIOD[s.periodKind]}; открывается за {s.opensDaysBeforeEnd} дн. до конца периода, срок — {s.dueDaysAfterEnd} дн. после, {s.dueTime}</li>)}</ul>
      ) : <p className="muted">Пока нет. Квартальный отчёт «до 5-го числа месяца после квартала»: открытие за 5 дней до конца квартала, срок через 5 дней после.</p>}
      <form onSubmit={submit}>
        <div className="filters">
          <label>Форма <select value={form.formVersionId} onChange={(e) => setForm({ ...form, formVersionId: e.target.value })} required><option value="">— выберите —</option>{forms?.map((f) => <option key={f.id} value={f.latestVersionId}>{f.title}</option>)}</select></label>
          <label>Название <input value={form.title} placeholder={chosen?.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
          <label>Периодичность <select value={form.periodKind} onChange={(e) => setForm({ ...form, periodKind: e.target.value })}>{Object.entries(PERIOD).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
          <label>Открыть за (дней до конца периода) <input type="number" value={form.opensDaysBeforeEnd} onChange={(e) => setForm({ ...form, opensDaysBeforeEnd: Number(e.target.value) })} /></label>
          <label>Срок (дней после конца периода) <input type="number" value={form.dueDaysAfterEnd} onChange={(e) => setForm({ ...form, dueDaysAfterEnd: Number(e.target.value) })} /></label>
          <label>Время срока <input type="time" value={form.dueTime} onChange={(e) => setForm({ ...form, dueTime: e.target.value })} /></label>
        </div>
        <button type="submit">Настроить регулярный сбор</button> {message && <span role="status">{message}</span>}
      </form>
    </div>
  );
}

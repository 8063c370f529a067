import { useMemo, useState } from 'react';
import { Model } from 'survey-core';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { api, ApiError } from '../../api.ts';
import { Link } from '../../router.tsx';
import { INSTRUMENT_LABEL } from './CataloguePage.tsx';
import { addQuestion, checksOf, choicesOf, move, questions, remove, reword, setChecks, setChoices } from './form-edit.ts';
import { useApi } from './useApi.ts';

type Kind = 'self_report' | 'parent_survey' | 'student_diagnostic';
type Hit = { catalogue: string; indicatorId: string; name: string; instrument: string; trackId: string };
type Mapping = { kind: Kind; fields?: { question: string; variable: string }[]; rules?: { question: string; satisfied: string }[] };
type Generated = { json: Record<string, unknown>; mapping: Mapping; indicators: string[]; skipped: { indicator: string; reason: string }[]; catalogueVersionId: string | null; problems: { message: string; path?: string }[]; warnings: { message: string }[] };

const KIND_LABEL: Record<Kind, string> = { self_report: 'Самообследование организации', parent_survey: 'Опрос родителей', student_diagnostic: 'Профориентационная диагностика (ДДО)' };

/** Which variable a question feeds, if any. */
function feeds(mapping: Mapping, question: string): string | undefined {
  return mapping.fields?.find((f) => f.question === question)?.variable ?? mapping.rules?.find((r) => r.question === question)?.satisfied ?? (mapping.kind === 'student_diagnostic' && question.startsWith('ddo_') ? 'career_diagnostic_took' : undefined);
}

function dropFromMapping(mapping: Mapping, question: string): Mapping {
  return { ...mapping, fields: mapping.fields?.filter((f) => f.question !== question), rules: mapping.rules?.filter((r) => r.question !== question) } as Mapping;
}

export default function BuilderPage() {
  const { data: catalogues } = useApi<{ code: string; title: string; owner: { name: string } }[]>('/api/catalogues');
  const [kind, setKind] = useState<Kind>('self_report');
  const [catalogue, setCatalogue] = useState('');
  const [audience, setAudience] = useState('school');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [form, setForm] = useState<Generated | null>(null);
  const [json, setJson] = useState<Record<string, unknown> | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string; details?: string[] } | null>(null);
  const [published, setPublished] = useState<{ versionId: string; version: number } | null>(null);
  const cat = catalogue || catalogues?.[0]?.code || '';
  const { data: hits } = useApi<Hit[]>(cat && kind !== 'student_diagnostic' ? `/api/indicators?catalogue=${cat}&limit=500${search ? '&q=' + encodeURIComponent(search) : ''}` : null);

  const generate = async () => {
    setMessage(null);
    setPublished(null);
    try {
      const g = await api<Generated>('/api/forms/generate', { body: { kind, catalogue: cat, indicators: chosen, ...(kind === 'parent_survey' ? { audience } : {}) } });
      setForm(g);
      setJson(g.json);
      setMapping(g.mapping);
      setTitle(String(g.json.title ?? KIND_LABEL[kind]));
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : 'Не удалось сгенерировать' });
    }
  };

  const jsonErrors = useMemo(() => (json ? (new Model(json).jsonErrors ?? []).map((e) => e.message) : []), [json]);
  const preview = useMemo(() => {
    if (!json) return null;
    const m = new Model({ ...json, title });
    m.locale = 'ru';
    return m;
  }, [json, title]);

  const publish = async () => {
    if (!json || !mapping || !form) return;
    try {
      const res = await api<{ latestVersionId: string; latestVersion: number }>('/api/forms', { body: { title, kind, json: { ...json, title }, mapping, indicators: form.indicators, catalogueVersionId: form.catalogueVersionId } });
      setPublished({ versionId: res.latestVersionId, version: res.latestVersion });
      setMessage({ kind: 'ok', text: `Форма опубликована (версия ${res.latestVersion})` });
    } catch (e) {
      const err = e as ApiError;
      setMessage({ kind: 'error', text: err.message, details: err.details?.map((d) => d.message) });
    }
  };

  const onRemove = (name: string) => {
    if (!json || !mapping) return;
    const variable = feeds(mapping, name);
    if (variable && !confirm(`Вопрос «${name}» даёт значение переменной «${variable}». Удалить вопрос вместе с этой связью? Показатели, которые считаются по ней, останутся без данных.`)) return;
    setJson(remove(json, name));
    if (variable) setMapping(dropFromMapping(mapping, name));
  };

  return (
    <section className="builder">
      <h1>Конструктор форм</h1>
      <div className="filters">
        <label>Вид формы <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setChosen([]); }} name="kind">{Object.entries(KIND_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></label>
        {kind !== 'student_diagnostic' && <label>Каталог <select value={cat} onChange={(e) => { setCatalogue(e.target.value); setChosen([]); }} name="catalogue">{catalogues?.map((c) => <option key={c.code} value={c.code}>{c.owner.name}</option>)}</select></label>}
        {kind === 'parent_survey' && <label>Для кого <select value={audience} onChange={(e) => setAudience(e.target.value)}><option value="school">родители школьников</option><option value="kindergarten">родители воспитанников ДОО</option><option value="supplementary">родители в доп. образовании</option></select></label>}
      </div>
      {kind !== 'student_diagnostic' && (
        <div className="picker">
          <input type="search" placeholder="Поиск показателя" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Поиск показателя" />
          <p className="muted">Выбрано: {chosen.length}</p>
          <ul className="checklist">
            {hits?.map((h) => (
              <li key={h.indicatorId}>
                <label>
                  <input type="checkbox" value={h.indicatorId} checked={chosen.includes(h.indicatorId)} onChange={(e) => setChosen(e.target.checked ? [...chosen, h.indicatorId] : chosen.filter((x) => x !== h.indicatorId))} />
                  <b>{h.indicatorId}</b> {h.name} <span className="muted">({INSTRUMENT_LABEL[h.instrument]})</span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
      <button onClick={generate} disabled={kind !== 'student_diagnostic' && chosen.length === 0}>Сгенерировать форму</button>
      {message && <div className={message.kind === 'error' ? 'error' : 'notice-inline'} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}{message.details && <ul>{message.details.map((d, i) => <li key={i}>{d}</li>)}</ul>}</div>}
      {published && <p><Link to={`/dept/campaigns?form=${published.versionId}`} className="button">Запустить сбор по этой форме</Link></p>}
      {form && json && mapping && (
        <div className="builder-grid">
          <div>
            <label>Название формы <input name="form-title" value={title} onChange={(e) => setTitle(e.target.value)} /></label>
            {form.skipped.length > 0 && <p className="warning">Не вошли: {form.skipped.map((s) => `${s.indicator} — ${s.reason}`).join('; ')}</p>}
            {[...form.problems.map((p) => p.message), ...jsonErrors].map((p, i) => <p key={i} className="error">{p}</p>)}
            {form.warnings.length > 0 && <details><summary>Замечания линтера: {form.warnings.length}</summary><ul>{form.warnings.map((w, i) => <li key={i}>{w.message}</li>)}</ul></details>}
            <ol className="question-list">
              {questions(json).map((q) => {
                const choices = choicesOf(json, q.name);
                const variable = feeds(mapping, q.name);
                const checks = checksOf(json, q.name);
                const num = (v: string) => (v.trim() === '' ? null : Number(v));
                return (
                  <li key={q.name} data-question={q.name}>
                    <textarea aria-label={`Формулировка вопроса ${q.name}`} value={q.title} rows={2} onChange={(e) => setJson(reword(json, q.name, e.target.value))} />
                    <div className="muted">{q.name} · {q.type}{variable ? ` · → ${variable}` : ''}</div>
                    {choices && q.type !== 'rating' && <textarea aria-label={`Варианты ответа ${q.name}`} value={choices.join('\n')} rows={Math.min(6, choices.length + 1)} onChange={(e) => setJson(setChoices(json, q.name, e.target.value.split('\n')))} />}
                    {checks && (
                      <div className="row-actions">
                        <label className="inline"><input type="checkbox" checked={checks.required} onChange={(e) => setJson(setChecks(json, q.name, { required: e.target.checked }))} /> обязательный</label>
                        {checks.number && <label className="inline">от <input type="number" aria-label={`Минимум ${q.name}`} value={checks.min ?? ''} onChange={(e) => setJson(setChecks(json, q.name, { min: num(e.target.value) }))} /></label>}
                        {checks.number && <label className="inline">до <input type="number" aria-label={`Максимум ${q.name}`} value={checks.max ?? ''} onChange={(e) => setJson(setChecks(json, q.name, { max: num(e.target.value) }))} /></label>}
                      </div>
                    )}
                    <div className="row-actions">
                      <button className="secondary" onClick={() => setJson(move(json, q.name, -1))} aria-label="Выше">↑</button>
                      <button className="secondary" onClick={() => setJson(move(json, q.name, 1))} aria-label="Ниже">↓</button>
                      <button className="secondary danger" onClick={() => onRemove(q.name)}>Удалить</button>
                    </div>
                  </li>
                );
              })}
            </ol>
            <button className="secondary" onClick={() => setJson(addQuestion(json, 'Новый вопрос (свободный ответ)'))}>Добавить вопрос</button>{' '}
            <button onClick={publish} disabled={jsonErrors.length > 0}>Опубликовать версию</button>
          </div>
          <div className="phone-preview" aria-label="Предпросмотр на телефоне">
            {preview && <Survey model={preview} />}
          </div>
        </div>
      )}
    </section>
  );
}

import { useMemo, useState } from 'react';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { api, ApiError } from '../../api.ts';
import { createSafeModel } from '../../survey/safe-model.ts';
import { Link } from '../../router.tsx';
import { useMessages } from '../../i18n/messages.ts';
import { builderMessages } from './builder.messages.ts';
import { catalogueMessages } from './catalogue.messages.ts';
import { DEFAULT_FORM_TITLE, NEW_QUESTION_TITLE } from './form-content.messages.ts';
import { addQuestion, checksOf, choicesOf, move, questions, remove, reword, setChecks, setChoices } from './form-edit.ts';
import { useApi } from './useApi.ts';

type Kind = 'self_report' | 'parent_survey' | 'student_diagnostic';
type Hit = { catalogue: string; indicatorId: string; name: string; instrument: string; trackId: string };
type Mapping = { kind: Kind; fields?: { question: string; variable: string }[]; rules?: { question: string; satisfied: string }[] };
type Generated = { json: Record<string, unknown>; mapping: Mapping; indicators: string[]; skipped: { indicator: string; reason: string }[]; catalogueVersionId: string | null; problems: { message: string; path?: string }[]; warnings: { message: string }[] };

const KINDS: Kind[] = ['self_report', 'parent_survey', 'student_diagnostic'];
const AUDIENCES = ['school', 'kindergarten', 'supplementary'];

/** Which variable a question feeds, if any. */
function feeds(mapping: Mapping, question: string): string | undefined {
  return mapping.fields?.find((f) => f.question === question)?.variable ?? mapping.rules?.find((r) => r.question === question)?.satisfied ?? (mapping.kind === 'student_diagnostic' && question.startsWith('ddo_') ? 'career_diagnostic_took' : undefined);
}

function dropFromMapping(mapping: Mapping, question: string): Mapping {
  return { ...mapping, fields: mapping.fields?.filter((f) => f.question !== question), rules: mapping.rules?.filter((r) => r.question !== question) } as Mapping;
}

export default function BuilderPage() {
  const t = useMessages(builderMessages);
  const instrument = useMessages(catalogueMessages).instrument;
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
      setTitle(String(g.json.title ?? DEFAULT_FORM_TITLE[kind]));
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError ? e.message : t.generateFailed });
    }
  };

  // survey-core's own load errors: an element of unknown type blocks publishing (the server
  // refuses it too); an unknown property is only noted, as survey-core renders the form anyway
  const loadErrors = useMemo(() => (json ? createSafeModel(json).jsonErrors ?? [] : []), [json]);
  const jsonErrors = loadErrors.filter((e) => e.type === 'missingtypeproperty' || e.type === 'incorrecttypeproperty').map((e) => e.message);
  const notes = [...(form?.warnings.map((w) => w.message) ?? []), ...loadErrors.filter((e) => e.type === 'unknownproperty').map((e) => e.message)];
  const preview = useMemo(() => {
    if (!json) return null;
    const m = createSafeModel({ ...json, title });
    m.locale = 'ru';
    return m;
  }, [json, title]);

  const publish = async () => {
    if (!json || !mapping || !form) return;
    try {
      const res = await api<{ latestVersionId: string; latestVersion: number }>('/api/forms', { body: { title, kind, json: { ...json, title }, mapping, indicators: form.indicators, catalogueVersionId: form.catalogueVersionId } });
      setPublished({ versionId: res.latestVersionId, version: res.latestVersion });
      setMessage({ kind: 'ok', text: t.published(res.latestVersion) });
    } catch (e) {
      const err = e as ApiError;
      setMessage({ kind: 'error', text: err.message, details: err.details?.map((d) => d.message) });
    }
  };

  const onRemove = (name: string) => {
    if (!json || !mapping) return;
    const variable = feeds(mapping, name);
    if (variable && !confirm(t.confirmRemove(name, variable))) return;
    setJson(remove(json, name));
    if (variable) setMapping(dropFromMapping(mapping, name));
  };

  return (
    <section className="builder">
      <h1>{t.title}</h1>
      <div className="filters">
        <label>{t.formKind} <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setChosen([]); }} name="kind">{KINDS.map((k) => <option key={k} value={k}>{t.kind[k]}</option>)}</select></label>
        {kind !== 'student_diagnostic' && <label>{t.catalogue} <select value={cat} onChange={(e) => { setCatalogue(e.target.value); setChosen([]); }} name="catalogue">{catalogues?.map((c) => <option key={c.code} value={c.code}>{c.owner.name}</option>)}</select></label>}
        {kind === 'parent_survey' && <label>{t.audience} <select value={audience} onChange={(e) => setAudience(e.target.value)}>{AUDIENCES.map((a) => <option key={a} value={a}>{t.audiences[a]}</option>)}</select></label>}
      </div>
      {kind !== 'student_diagnostic' && (
        <div className="picker">
          <input type="search" placeholder={t.search} value={search} onChange={(e) => setSearch(e.target.value)} aria-label={t.search} />
          <p className="muted">{t.chosen(chosen.length)}</p>
          <ul className="checklist">
            {hits?.map((h) => (
              <li key={h.indicatorId}>
                <label>
                  <input type="checkbox" value={h.indicatorId} checked={chosen.includes(h.indicatorId)} onChange={(e) => setChosen(e.target.checked ? [...chosen, h.indicatorId] : chosen.filter((x) => x !== h.indicatorId))} />
                  <span><b>{h.indicatorId}</b> <span translate="no">{h.name}</span> <span className="muted">({instrument[h.instrument]})</span></span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      )}
      <button onClick={generate} disabled={kind !== 'student_diagnostic' && chosen.length === 0}>{t.generate}</button>
      {message && <div className={message.kind === 'error' ? 'error' : 'notice-inline'} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}{message.details && <ul>{message.details.map((d, i) => <li key={i}>{d}</li>)}</ul>}</div>}
      {published && <p><Link to={`/dept/campaigns?form=${published.versionId}`} className="button">{t.launch}</Link></p>}
      {form && json && mapping && (
        <div className="builder-grid">
          <div>
            <label>{t.formTitle} <input name="form-title" value={title} onChange={(e) => setTitle(e.target.value)} /></label>
            {form.skipped.length > 0 && <p className="warning">{t.skipped(form.skipped.map((s) => `${s.indicator} — ${s.reason}`).join('; '))}</p>}
            {[...form.problems.map((p) => p.message), ...jsonErrors].map((p, i) => <p key={i} className="error">{p}</p>)}
            {notes.length > 0 && <details><summary>{t.lintWarnings(notes.length)}</summary><ul>{notes.map((w, i) => <li key={i}>{w}</li>)}</ul></details>}
            <ol className="question-list">
              {questions(json).map((q) => {
                const choices = choicesOf(json, q.name);
                const variable = feeds(mapping, q.name);
                const checks = checksOf(json, q.name);
                const num = (v: string) => (v.trim() === '' ? null : Number(v));
                return (
                  <li key={q.name} data-question={q.name}>
                    <textarea aria-label={t.wording(q.name)} value={q.title} rows={2} onChange={(e) => setJson(reword(json, q.name, e.target.value))} />
                    <div className="muted">{q.name} · {q.type}{variable ? ` · → ${variable}` : ''}</div>
                    {choices && q.type !== 'rating' && <textarea aria-label={t.choices(q.name)} value={choices.join('\n')} rows={Math.min(6, choices.length + 1)} onChange={(e) => setJson(setChoices(json, q.name, e.target.value.split('\n')))} />}
                    {checks && (
                      <div className="row-actions">
                        <label className="inline"><input type="checkbox" checked={checks.required} onChange={(e) => setJson(setChecks(json, q.name, { required: e.target.checked }))} /> {t.required}</label>
                        {checks.number && <label className="inline">{t.from} <input type="number" aria-label={t.min(q.name)} value={checks.min ?? ''} onChange={(e) => setJson(setChecks(json, q.name, { min: num(e.target.value) }))} /></label>}
                        {checks.number && <label className="inline">{t.to} <input type="number" aria-label={t.max(q.name)} value={checks.max ?? ''} onChange={(e) => setJson(setChecks(json, q.name, { max: num(e.target.value) }))} /></label>}
                      </div>
                    )}
                    <div className="row-actions">
                      <button className="secondary" onClick={() => setJson(move(json, q.name, -1))} aria-label={t.up}>↑</button>
                      <button className="secondary" onClick={() => setJson(move(json, q.name, 1))} aria-label={t.down}>↓</button>
                      <button className="secondary danger" onClick={() => onRemove(q.name)}>{t.remove}</button>
                    </div>
                  </li>
                );
              })}
            </ol>
            <button className="secondary" onClick={() => setJson(addQuestion(json, NEW_QUESTION_TITLE))}>{t.addQuestion}</button>{' '}
            <button onClick={publish} disabled={jsonErrors.length > 0}>{t.publish}</button>
          </div>
          <div className="phone-preview" aria-label={t.preview}>
            {preview && <Survey model={preview} />}
          </div>
        </div>
      )}
    </section>
  );
}

import { useQueryState } from '../../router.tsx';
import { useApi } from './useApi.ts';

type Summary = { code: string; title: string; version: number; indicators: number; owner: { name: string } };
type Indicator = { id: string; name: string; source: string; method: string; instrument: string; population: string; formula: { kind: string; numerator?: unknown; denominator?: unknown; value?: unknown; unit?: string }; periodicity: { kind: string; text?: string }; target?: { text?: string; value: number; op: string }; notes?: string[] };
type Detail = { code: string; title: string; version: number; content: { directions: { id: string; name: string; tracks: { id: string; name: string; goal?: string; indicators: Indicator[] }[] }[] }; variables: { id: string; label: string }[] };

export const INSTRUMENT_LABEL: Record<string, string> = { self_report: 'самообследование', parent_survey: 'опрос родителей', student_diagnostic: 'диагностика', import: 'выгрузка из ИС' };
const KIND_LABEL: Record<string, string> = { share: 'доля', count: 'количество', cumulative: 'нарастающий итог', mean: 'среднее', flag: 'да/нет (доля ОО)', index: 'индекс' };

export function formulaText(f: Indicator['formula'], label: (id: string) => string) {
  const expr = (e: unknown): string => (typeof e === 'string' ? label(e) : e && typeof e === 'object' && 'args' in e ? `(${(e as { args: string[] }).args.map(label).join(' − ')})` : '');
  if (f.kind === 'share') return `${expr(f.numerator)} ÷ ${expr(f.denominator)} × 100 %`;
  if (f.kind === 'count' || f.kind === 'cumulative' || f.kind === 'flag') return `${KIND_LABEL[f.kind]}: ${expr(f.value)}`;
  return KIND_LABEL[f.kind] ?? f.kind;
}

export default function CataloguePage() {
  const { data: list } = useApi<Summary[]>('/api/catalogues');
  const [code, setCode] = useQueryState('catalogue');
  const [q, setQ] = useQueryState('q');
  const chosen = code || list?.[0]?.code || '';
  const { data: detail } = useApi<Detail>(chosen ? `/api/catalogues/${chosen}` : null);
  const labels = new Map(detail?.variables.map((v) => [v.id, v.label]));
  const label = (id: string) => labels.get(id) ?? id;
  const match = (i: Indicator) => !q || i.name.toLowerCase().includes(q.toLowerCase()) || i.id.toLowerCase().includes(q.toLowerCase());
  return (
    <section>
      <h1>Каталог показателей</h1>
      <div className="filters">
        <label>Каталог <select value={chosen} onChange={(e) => setCode(e.target.value)}>{list?.map((c) => <option key={c.code} value={c.code}>{c.title.slice(0, 80)} — {c.owner.name} (в. {c.version}, {c.indicators})</option>)}</select></label>
        <label>Поиск <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="название или номер показателя" /></label>
      </div>
      {detail?.content.directions.map((d) => {
        const tracks = d.tracks.map((t) => ({ ...t, indicators: t.indicators.filter(match) })).filter((t) => t.indicators.length);
        if (!tracks.length) return null;
        return (
          <details key={d.id} open={!!q || detail.content.directions.length < 3}>
            <summary><h2>{d.name}</h2></summary>
            {tracks.map((t) => (
              <div key={t.id} className="track">
                <h3>{t.name}</h3>
                {t.goal && <p className="muted">Цель: {t.goal}</p>}
                <table className="table">
                  <thead><tr><th>№</th><th>Показатель</th><th>Формула</th><th>Источник / метод</th><th>Периодичность</th><th>Цель</th></tr></thead>
                  <tbody>{t.indicators.map((i) => (
                    <tr key={i.id}>
                      <td>{i.id}</td>
                      <td>{i.name}{i.notes?.length ? <div className="muted" title={i.notes.join('\n')}>примечаний: {i.notes.length}</div> : null}</td>
                      <td>{formulaText(i.formula, label)}</td>
                      <td>{i.source}<div className="muted">{INSTRUMENT_LABEL[i.instrument]}</div></td>
                      <td>{i.periodicity.text ?? i.periodicity.kind}</td>
                      <td>{i.target ? i.target.text ?? `${i.target.op} ${i.target.value}` : '—'}</td>
                    </tr>
                  ))}</tbody>
                </table>
              </div>
            ))}
          </details>
        );
      })}
    </section>
  );
}

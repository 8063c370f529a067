import { getLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { useQueryState } from '../../router.tsx';
import { catalogueMessages } from './catalogue.messages.ts';
import { useApi } from './useApi.ts';

type Summary = { code: string; title: string; version: number; indicators: number; owner: { name: string } };
type Indicator = { id: string; name: string; source: string; method: string; instrument: string; population: string; formula: { kind: string; numerator?: unknown; denominator?: unknown; value?: unknown; unit?: string }; periodicity: { kind: string; text?: string }; target?: { text?: string; value: number; op: string }; notes?: string[] };
type Detail = { code: string; title: string; version: number; content: { directions: { id: string; name: string; tracks: { id: string; name: string; goal?: string; indicators: Indicator[] }[] }[] }; variables: { id: string; label: string }[] };

/** A formula in words; `kinds` names the kinds of formula (the current language's by default). */
export function formulaText(f: Indicator['formula'], label: (id: string) => string, kinds: Record<string, string> = catalogueMessages[getLang()].formulaKind) {
  const expr = (e: unknown): string => (typeof e === 'string' ? label(e) : e && typeof e === 'object' && 'args' in e ? `(${(e as { args: string[] }).args.map(label).join(' − ')})` : '');
  if (f.kind === 'share') return `${expr(f.numerator)} ÷ ${expr(f.denominator)} × 100 %`;
  if (f.kind === 'count' || f.kind === 'cumulative' || f.kind === 'flag') return `${kinds[f.kind]}: ${expr(f.value)}`;
  return kinds[f.kind] ?? f.kind;
}

export default function CataloguePage() {
  const t = useMessages(catalogueMessages);
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
      <h1>{t.title}</h1>
      <div className="filters">
        <label>{t.catalogue} <select value={chosen} onChange={(e) => setCode(e.target.value)}>{list?.map((c) => <option key={c.code} value={c.code}>{c.title.slice(0, 80)} — {c.owner.name} {t.versionAndCount(c.version, c.indicators)}</option>)}</select></label>
        <label>{t.search} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t.searchHint} /></label>
      </div>
      {detail?.content.directions.map((d) => {
        const tracks = d.tracks.map((tr) => ({ ...tr, indicators: tr.indicators.filter(match) })).filter((tr) => tr.indicators.length);
        if (!tracks.length) return null;
        return (
          <details key={d.id} open={!!q || detail.content.directions.length < 3}>
            <summary><h2 translate="no">{d.name}</h2></summary>
            {tracks.map((tr) => (
              <div key={tr.id} className="track">
                <h3>{tr.name}</h3>
                {tr.goal && <p className="muted">{t.goal(tr.goal)}</p>}
                <table className="table">
                  <thead><tr><th>{t.colNumber}</th><th>{t.colIndicator}</th><th>{t.colFormula}</th><th>{t.colSource}</th><th>{t.colPeriodicity}</th><th>{t.colTarget}</th></tr></thead>
                  <tbody>{tr.indicators.map((i) => (
                    <tr key={i.id}>
                      <td>{i.id}</td>
                      <td>{i.name}{i.notes?.length ? <div className="muted" title={i.notes.join('\n')}>{t.notes(i.notes.length)}</div> : null}</td>
                      <td>{formulaText(i.formula, label, t.formulaKind)}</td>
                      <td>{i.source}<div className="muted">{t.instrument[i.instrument]}</div></td>
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

import { useMemo } from 'react';
import { useQueryState } from '../../router.tsx';
import { common } from '../../i18n/common.messages.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { indicatorsMessages } from './indicators.messages.ts';
import type { Me } from '../staff/session.ts';
import { useApi } from './useApi.ts';
import { Download } from './Download.tsx';
import { ChartView, indicatorConfig } from './Chart.tsx';

import type { IndicatorTable as Table, TableCell as Cell } from '../../../../server/aggregation/aggregation.schemas.ts';
import { SOURCE_KINDS } from '../../../../server/aggregation/sources.ts';

const INSTITUTION_KINDS = ['school', 'kindergarten', 'supplementary'];
const SETTLEMENTS = ['urban', 'rural'];

function CellView({ cell, unit }: { cell: Cell; unit: string }) {
  const t = useMessages(indicatorsMessages);
  const lang = useLang();
  const fmt = (v: number | null) => formatNumber(lang, v);
  if (cell.status === 'withheld') return <td className="withheld" title={t.withheld}>n &lt; 5</td>;
  if (cell.status === 'not_applicable') return <td className="muted" title={t.zeroDenominator}>{t.notApplicable}</td>;
  if (cell.value === null) return <td className="muted">—</td>;
  const detail = cell.denominator !== null ? `${fmt(cell.numerator)} / ${fmt(cell.denominator)}` : '';
  const source = cell.sources.length ? ` · ${t.sourceLabel.toLowerCase()}: ${cell.sources.map((k) => t.source[k]).join(', ')}` : '';
  return (
    <td className={cell.zone ? `zone-${cell.zone}` : ''} title={`${detail}${cell.target !== null ? t.target(fmt(cell.target)) : ''}${source}`}>
      <b>{fmt(cell.value)}</b>{unit === '%' ? t.percentSign : ''}
      {cell.change !== null && <span className="change">{cell.change > 0 ? ' ▲' : cell.change < 0 ? ' ▼' : ''}{cell.change !== 0 ? fmt(Math.abs(cell.change)) : ''}</span>}
      {detail && <div className="muted small">{detail}</div>}
      {cell.leftOut > 0 && <div className="muted small" title={t.leftOutTitle} data-testid="left-out">{t.leftOut(cell.leftOut)}</div>}
    </td>
  );
}

/** The kinds of source a row's values come from, in the order of precedence. */
function SourcesLine({ cells }: { cells: Cell[] }) {
  const t = useMessages(indicatorsMessages);
  const kinds = new Set(cells.flatMap((c) => c.sources));
  if (!kinds.size) return null;
  return <div className="muted small" data-testid="sources">{t.sourceLabel}: {SOURCE_KINDS.filter((k) => kinds.has(k)).map((k) => t.source[k]).join(', ')}</div>;
}

export default function IndicatorsPage({ me }: { me: Me }) {
  const t = useMessages(indicatorsMessages);
  const c = useMessages(common);
  const lang = useLang();
  const { data: catalogues } = useApi<{ code: string; owner: { name: string } }[]>('/api/catalogues');
  const { data: periods } = useApi<{ label: string }[]>('/api/periods');
  const { data: orgs } = useApi<{ id: string; name: string; level: string }[]>('/api/organisations');
  const [catalogue, setCatalogue] = useQueryState('catalogue');
  const [period, setPeriod] = useQueryState('period');
  const [unit, setUnit] = useQueryState('unit');
  const [kind, setKind] = useQueryState('kind');
  const [settlement, setSettlement] = useQueryState('settlement');
  const [onlyData, setOnlyData] = useQueryState('data', '1');
  const cat = catalogue || catalogues?.[0]?.code || '';
  const per = period || periods?.[0]?.label || '';
  const qs = new URLSearchParams({ catalogue: cat, period: per, ...(unit ? { unitId: unit } : {}), ...(kind ? { kind } : {}), ...(settlement ? { settlement } : {}) });
  const { data: table, error } = useApi<Table>(cat && per ? `/api/indicator-table?${qs}` : null);
  const [chosen, setChosen] = useQueryState('chart');
  const chartRow = table?.indicators.find((i) => i.id === chosen);
  const chart = useMemo(() => {
    if (!table || !chartRow) return null;
    const cells = chartRow.cells.slice(table.units.length > 1 ? 1 : 0);
    const units = table.units.slice(table.units.length > 1 ? 1 : 0).map((u) => u.name);
    return indicatorConfig(units, cells.map((c) => c.value), cells.map((c) => c.zone), chartRow.cells[0].target, chartRow.unit, lang);
  }, [table, chartRow, lang]);
  const rows = table?.indicators.filter((i) => onlyData !== '1' || i.cells.some((c) => c.status !== 'missing')) ?? [];
  return (
    <section>
      <h1>{t.title}</h1>
      <div className="filters">
        <label>{t.catalogue} <select value={cat} onChange={(e) => setCatalogue(e.target.value)}>{catalogues?.map((c) => <option key={c.code} value={c.code}>{c.owner.name}</option>)}</select></label>
        <label>{t.period} <select value={per} onChange={(e) => setPeriod(e.target.value)}>{periods?.map((p) => <option key={p.label}>{p.label}</option>)}</select></label>
        <label>{t.territory} <select value={unit} onChange={(e) => setUnit(e.target.value)}><option value="">{me.organisation.name}</option>{orgs?.filter((o) => o.level !== 'institution' && o.id !== me.organisation.id).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
        <label>{t.kind} <select value={kind} onChange={(e) => setKind(e.target.value)}><option value="">{c.all}</option>{INSTITUTION_KINDS.map((k) => <option key={k} value={k}>{c.kind[k]}</option>)}</select></label>
        <label>{t.settlement} <select value={settlement} onChange={(e) => setSettlement(e.target.value)}><option value="">{t.anySettlement}</option>{SETTLEMENTS.map((k) => <option key={k} value={k}>{c.settlement[k]}</option>)}</select></label>
        <label className="inline"><input type="checkbox" checked={onlyData === '1'} onChange={(e) => setOnlyData(e.target.checked ? '1' : '0')} /> {t.onlyWithData}</label>
      </div>
      {!periods?.length && <p>{t.noData}</p>}
      {error && <p className="error">{error}</p>}
      {table && <p><Download href={`/api/exports/indicators?${qs}&format=xlsx`} label={t.downloadXlsx} /> <Download href={`/api/exports/indicators?${qs}&format=csv`} label={t.downloadCsv} /></p>}
      {chart && chartRow && <div className="card"><h2 translate="no">{chartRow.id}. {chartRow.name}</h2><ChartView config={chart} label={t.chartLabel(chartRow.id)} /></div>}
      {table && (
        <div className="scroll">
          <table className="table indicators" data-testid="indicator-table">
            <thead><tr><th>{t.indicator}</th>{table.units.map((u, i) => <th key={u.id} className={i === 0 ? 'total' : ''} translate="no">{u.name}</th>)}</tr></thead>
            <tbody>{rows.map((i) => (
              <tr key={i.id} data-indicator={i.id}>
                <th scope="row"><b>{i.id}</b> {i.name}{i.surveyBased && <div className="muted small">{t.surveyBased}</div>}<SourcesLine cells={i.cells} />{i.draft && <div className="muted small" data-testid="draft">{t.draft}</div>}<div><button className="link-button small" onClick={() => setChosen(chosen === i.id ? '' : i.id)}>{chosen === i.id ? t.hideChart : t.chart}</button></div></th>
                {i.cells.map((c) => <CellView key={c.unitId} cell={c} unit={i.unit} />)}
              </tr>
            ))}</tbody>
          </table>
          <p className="muted small">{t.legend(table.previousPeriod ?? '—')}</p>
        </div>
      )}
    </section>
  );
}

import { useQueryState } from '../../router.tsx';
import type { Me } from '../staff/session.ts';
import { useApi } from './useApi.ts';
import { Download } from './Download.tsx';
import { ChartView, indicatorConfig } from './Chart.tsx';
import { useMemo } from 'react';

type Cell = { unitId: string; status: string; reason: string | null; numerator: number | null; denominator: number | null; value: number | null; target: number | null; zone: string | null; change: number | null };
type Table = { period: string; previousPeriod: string | null; unit: { name: string }; units: { id: string; name: string; level: string }[]; indicators: { id: string; name: string; unit: string; surveyBased: boolean; cells: Cell[] }[] };

const fmt = (v: number | null) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(1).replace('.', ','));

function CellView({ cell, unit }: { cell: Cell; unit: string }) {
  if (cell.status === 'withheld') return <td className="withheld" title={`Значение скрыто: ${cell.reason}. Менее 5 респондентов — по правилам конфиденциальности.`}>n &lt; 5</td>;
  if (cell.status === 'not_applicable') return <td className="muted" title="Знаменатель равен нулю">н/п</td>;
  if (cell.value === null) return <td className="muted">—</td>;
  const detail = cell.denominator !== null ? `${fmt(cell.numerator)} / ${fmt(cell.denominator)}` : '';
  return (
    <td className={cell.zone ? `zone-${cell.zone}` : ''} title={`${detail}${cell.target !== null ? ` · цель ${cell.target}` : ''}`}>
      <b>{fmt(cell.value)}</b>{unit === '%' ? ' %' : ''}
      {cell.change !== null && <span className="change">{cell.change > 0 ? ' ▲' : cell.change < 0 ? ' ▼' : ''}{cell.change !== 0 ? fmt(Math.abs(cell.change)) : ''}</span>}
      {detail && <div className="muted small">{detail}</div>}
    </td>
  );
}

export default function IndicatorsPage({ me }: { me: Me }) {
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
    return indicatorConfig(units, cells.map((c) => c.value), cells.map((c) => c.zone), chartRow.cells[0].target, chartRow.unit);
  }, [table, chartRow]);
  const rows = table?.indicators.filter((i) => onlyData !== '1' || i.cells.some((c) => c.status !== 'missing')) ?? [];
  return (
    <section>
      <h1>Показатели</h1>
      <div className="filters">
        <label>Каталог <select value={cat} onChange={(e) => setCatalogue(e.target.value)}>{catalogues?.map((c) => <option key={c.code} value={c.code}>{c.owner.name}</option>)}</select></label>
        <label>Период <select value={per} onChange={(e) => setPeriod(e.target.value)}>{periods?.map((p) => <option key={p.label}>{p.label}</option>)}</select></label>
        <label>Территория <select value={unit} onChange={(e) => setUnit(e.target.value)}><option value="">{me.organisation.name}</option>{orgs?.filter((o) => o.level !== 'institution' && o.id !== me.organisation.id).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
        <label>Вид <select value={kind} onChange={(e) => setKind(e.target.value)}><option value="">все</option><option value="school">школы</option><option value="kindergarten">детские сады</option><option value="supplementary">доп. образование</option></select></label>
        <label>Местность <select value={settlement} onChange={(e) => setSettlement(e.target.value)}><option value="">любая</option><option value="urban">город</option><option value="rural">село</option></select></label>
        <label className="inline"><input type="checkbox" checked={onlyData === '1'} onChange={(e) => setOnlyData(e.target.checked ? '1' : '0')} /> только с данными</label>
      </div>
      {!periods?.length && <p>Данных пока нет: они появятся после первых отчётов и опросов.</p>}
      {error && <p className="error">{error}</p>}
      {table && <p><Download href={`/api/exports/indicators?${qs}&format=xlsx`} label="Скачать XLSX" /> <Download href={`/api/exports/indicators?${qs}&format=csv`} label="Скачать CSV" /></p>}
      {chart && chartRow && <div className="card"><h2>{chartRow.id}. {chartRow.name}</h2><ChartView config={chart} label={`График показателя ${chartRow.id} по единицам`} /></div>}
      {table && (
        <div className="scroll">
          <table className="table indicators" data-testid="indicator-table">
            <thead><tr><th>Показатель</th>{table.units.map((u, i) => <th key={u.id} className={i === 0 ? 'total' : ''}>{u.name}</th>)}</tr></thead>
            <tbody>{rows.map((i) => (
              <tr key={i.id} data-indicator={i.id}>
                <th scope="row"><b>{i.id}</b> {i.name}{i.surveyBased && <div className="muted small">по опросу</div>}<div><button className="link-button small" onClick={() => setChosen(chosen === i.id ? '' : i.id)}>{chosen === i.id ? 'скрыть график' : 'график'}</button></div></th>
                {i.cells.map((c) => <CellView key={c.unitId} cell={c} unit={i.unit} />)}
              </tr>
            ))}</tbody>
          </table>
          <p className="muted small">Цвет — зона относительно цели (зелёная, жёлтая, красная); ▲▼ — изменение к периоду {table.previousPeriod ?? '—'}; «n &lt; 5» — значение скрыто, менее 5 респондентов.</p>
        </div>
      )}
    </section>
  );
}

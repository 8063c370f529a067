// A table people expect on long lists (1,000 institutions): sort by any column, filter by text,
// page through; the sort, filter and page live in the URL, so a link keeps them.
import { useQueryState } from '../../router.tsx';
import { useLang } from '../../i18n/lang.ts';
import { useMessages } from '../../i18n/messages.ts';
import { tableMessages } from './table.messages.ts';

export type Column<T> = { key: string; title: string; value: (row: T) => string | number | null; render?: (row: T) => React.ReactNode; className?: (row: T) => string };

export function DataTable<T>({ id, rows, columns, pageSize = 50, rowKey, rowTestId }: { id: string; rows: T[]; columns: Column<T>[]; pageSize?: number; rowKey: (row: T) => string; rowTestId?: (row: T) => string }) {
  const t = useMessages(tableMessages);
  const lang = useLang();
  const [sort, setSort] = useQueryState(`${id}.sort`);
  const [filter, setFilter] = useQueryState(`${id}.q`);
  const [pageText, setPage] = useQueryState(`${id}.page`, '1');
  const [key, dir] = sort.split(':');
  const column = columns.find((c) => c.key === key);
  const needle = filter.toLowerCase();
  const filtered = needle ? rows.filter((r) => columns.some((c) => String(c.value(r) ?? '').toLowerCase().includes(needle))) : rows;
  const sorted = column
    ? [...filtered].sort((a, b) => {
        const x = column.value(a);
        const y = column.value(b);
        const order = x === null ? 1 : y === null ? -1 : typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), lang);
        return dir === 'desc' ? -order : order;
      })
    : filtered;
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(pages, Math.max(1, Number(pageText) || 1));
  const shown = sorted.slice((page - 1) * pageSize, page * pageSize);
  const toggle = (k: string) => setSort(key === k && dir !== 'desc' ? `${k}:desc` : `${k}:asc`);
  return (
    <div>
      <div className="filters">
        <label>{t.filter} <input type="search" value={filter} onChange={(e) => { setFilter(e.target.value); setPage(''); }} placeholder={t.filterHint} /></label>
        <span className="muted small">{t.rows(filtered.length, rows.length)}</span>
      </div>
      <table className="table" data-testid={id}>
        <thead>
          <tr>{columns.map((c) => (
            <th key={c.key} aria-sort={key === c.key ? (dir === 'desc' ? 'descending' : 'ascending') : 'none'}>
              <button className="link-button sort" onClick={() => toggle(c.key)}>{c.title}{key === c.key ? (dir === 'desc' ? ' ▼' : ' ▲') : ''}</button>
            </th>
          ))}</tr>
        </thead>
        <tbody>{shown.map((r) => (
          <tr key={rowKey(r)} data-testid={rowTestId?.(r)}>{columns.map((c) => <td key={c.key} className={c.className?.(r)}>{c.render ? c.render(r) : c.value(r) ?? '—'}</td>)}</tr>
        ))}</tbody>
      </table>
      {pages > 1 && (
        <nav className="pager" aria-label={t.pages}>
          <button className="secondary" disabled={page <= 1} onClick={() => setPage(String(page - 1))}>{t.back}</button>
          <span> {t.page(page, pages)} </span>
          <button className="secondary" disabled={page >= pages} onClick={() => setPage(String(page + 1))}>{t.forward}</button>
        </nav>
      )}
    </div>
  );
}

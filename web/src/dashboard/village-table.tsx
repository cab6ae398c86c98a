import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatCount, formatFen } from '../shared/format';
import { VILLAGE_LIMIT, VillageRow } from './queries';

type SortKey = 'name' | 'householdsReached' | 'registeredPoorHouseholdsReached' | 'grossSalesFen' | 'supplierIncomeFen' | 'incomeToRegisteredPoorFen';

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
  render: (row: VillageRow) => string;
}

// Money first after the village, so that on a phone the figures that matter are in view before the
// table scrolls sideways; the township goes under the village's name.
const COLUMNS: Column[] = [
  { key: 'name', label: 'Village', numeric: false, render: (r) => r.name },
  { key: 'incomeToRegisteredPoorFen', label: 'Income to registered-poor', numeric: true, render: (r) => formatFen(r.incomeToRegisteredPoorFen) },
  { key: 'supplierIncomeFen', label: 'Supplier income', numeric: true, render: (r) => formatFen(r.supplierIncomeFen) },
  { key: 'grossSalesFen', label: 'Gross sales', numeric: true, render: (r) => formatFen(r.grossSalesFen) },
  { key: 'householdsReached', label: 'Households', numeric: true, render: (r) => formatCount(r.householdsReached) },
  { key: 'registeredPoorHouseholdsReached', label: 'Registered-poor households', numeric: true, render: (r) => formatCount(r.registeredPoorHouseholdsReached) },
];

const PAGE_SIZE = 10;
const collator = new Intl.Collator('zh-CN');

/** The villages reached, sortable by any column and paged, with the CSV export of the same filter. */
export function VillageTable(props: { rows: VillageRow[]; total: number; loading: boolean; onDownload: () => void; downloading: boolean; downloadError?: string }) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'supplierIncomeFen', descending: true });
  const [page, setPage] = useState(0);

  // A new report starts on its first page.
  useEffect(() => setPage(0), [props.rows]);

  const sorted = useMemo(() => {
    const rows = [...props.rows];
    const { key, descending } = sort;
    rows.sort((a, b) => {
      const av = a[key];
      const bv = b[key];
      const order = typeof av === 'number' && typeof bv === 'number' ? av - bv : collator.compare(String(av), String(bv));
      return (descending ? -order : order) || collator.compare(a.name, b.name);
    });
    return rows;
  }, [props.rows, sort]);

  const pages = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const visible = sorted.slice(current * PAGE_SIZE, current * PAGE_SIZE + PAGE_SIZE);

  const sortBy = (key: SortKey, numeric: boolean) => {
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: numeric }));
    setPage(0);
  };

  return (
    <section class="card" aria-labelledby="villages-title">
      <div class="card__head">
        <div>
          <h2 id="villages-title">Villages reached</h2>
          <p class="muted small" data-testid="village-count">
            {props.total === 0 ? 'No village in this range.' : `${formatCount(props.total)} village${props.total === 1 ? '' : 's'}`}
            {props.total > props.rows.length && ` (the table shows the top ${formatCount(VILLAGE_LIMIT)} by supplier income; the CSV has all)`}
          </p>
        </div>
        <button type="button" class="button" onClick={props.onDownload} disabled={props.downloading} data-testid="download-csv">
          <span aria-hidden="true">⬇</span> {props.downloading ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </div>
      {props.downloadError && (
        <p class="field__error" role="alert">
          {props.downloadError}
        </p>
      )}
      <div class={`table-scroll${props.loading ? ' is-loading' : ''}`}>
        <table class="table" data-testid="village-table">
          <caption class="visually-hidden">Villages reached, sortable by column</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" class="sort" onClick={() => sortBy(c.key, c.numeric)}>
                      {c.label}
                      <span class="sort__mark" aria-hidden="true">
                        {active ? (sort.descending ? '▼' : '▲') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.villageId} data-village-id={row.villageId}>
                {COLUMNS.map((c, i) =>
                  i === 0 ? (
                    <th key={c.key} scope="row">
                      {row.name}
                      {row.povertyStricken && <span class="badge badge--warn village-flag">poverty-stricken</span>}
                      <span class="village-township">{row.township}</span>
                    </th>
                  ) : (
                    <td key={c.key} class={c.numeric ? 'num' : undefined}>
                      {c.render(row)}
                    </td>
                  ),
                )}
              </tr>
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} class="muted table__empty">
                  {props.loading ? 'Loading…' : 'No delivered sales reached a village in this range.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav class="pager" aria-label="Village table pages">
          <button type="button" class="button button--quiet" onClick={() => setPage(current - 1)} disabled={current === 0}>
            ‹ Previous
          </button>
          <span class="pager__status" aria-live="polite">
            Page {current + 1} of {pages}
          </span>
          <button type="button" class="button button--quiet" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
            Next ›
          </button>
        </nav>
      )}
    </section>
  );
}

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatCount, formatFen } from '../shared/format';
import { useT } from '../shared/i18n';
import { EmptyRow, TableScroll } from '../shared/ui';
import { NS } from './messages';
import { VILLAGE_LIMIT, VillageRow } from './queries';

type SortKey = 'name' | 'householdsReached' | 'registeredPoorHouseholdsReached' | 'grossSalesFen' | 'supplierIncomeFen' | 'incomeToRegisteredPoorFen';

interface Column {
  key: SortKey;
  numeric: boolean;
  render: (row: VillageRow) => string;
}

// Money first after the village, so that on a phone the figures that matter are in view before the
// table scrolls sideways; the township goes under the village's name.
const COLUMNS: Column[] = [
  { key: 'name', numeric: false, render: (r) => r.name },
  { key: 'incomeToRegisteredPoorFen', numeric: true, render: (r) => formatFen(r.incomeToRegisteredPoorFen) },
  { key: 'supplierIncomeFen', numeric: true, render: (r) => formatFen(r.supplierIncomeFen) },
  { key: 'grossSalesFen', numeric: true, render: (r) => formatFen(r.grossSalesFen) },
  { key: 'householdsReached', numeric: true, render: (r) => formatCount(r.householdsReached) },
  { key: 'registeredPoorHouseholdsReached', numeric: true, render: (r) => formatCount(r.registeredPoorHouseholdsReached) },
];

const PAGE_SIZE = 10;
const collator = new Intl.Collator('zh-CN');

/** The villages reached, sortable by any column and paged, with the CSV export of the same filter. */
export function VillageTable(props: { rows: VillageRow[]; total: number; loading: boolean; onDownload: () => void; downloading: boolean; downloadError?: string; actions?: ComponentChildren }) {
  const { t } = useT(NS);
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
          <h3 id="villages-title">{t('vt.title')}</h3>
          <p class="muted small" data-testid="village-count">
            {props.total === 0 ? t('vt.none') : t('vt.count', { count: props.total })}
            {props.total > props.rows.length && t('vt.top', { limit: formatCount(VILLAGE_LIMIT) })}
          </p>
        </div>
        <div class="page-head__actions">
          {props.actions}
          <button type="button" class="button" onClick={props.onDownload} disabled={props.downloading} data-testid="download-csv">
            <span aria-hidden="true">⬇</span> {props.downloading ? t('vt.preparingCsv') : t('vt.downloadCsv')}
          </button>
        </div>
      </div>
      {props.downloadError && (
        <p class="field__error" role="alert">
          {props.downloadError}
        </p>
      )}
      <TableScroll loading={props.loading}>
        <table class="table" data-testid="village-table">
          <caption class="visually-hidden">{t('vt.caption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                    <button type="button" class="sort" onClick={() => sortBy(c.key, c.numeric)}>
                      {t(`vt.col.${c.key}`)}
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
                      {row.povertyStricken && <span class="badge badge--warn village-flag">{t('vt.poorVillage')}</span>}
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
              <EmptyRow cols={COLUMNS.length}>{props.loading ? t('loading') : t('vt.empty')}</EmptyRow>
            )}
          </tbody>
        </table>
      </TableScroll>
      {pages > 1 && (
        <nav class="pager" aria-label={t('vt.caption')}>
          <button type="button" class="button button--quiet" onClick={() => setPage(current - 1)} disabled={current === 0}>
            {t('vt.prev')}
          </button>
          <span class="pager__status" aria-live="polite">
            {t('vt.pageOf', { n: current + 1, pages })}
          </span>
          <button type="button" class="button button--quiet" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
            {t('vt.next')}
          </button>
        </nav>
      )}
    </section>
  );
}

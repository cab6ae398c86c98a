import { Injectable } from '@nestjs/common';
import { Actor, badInput, isId, ReportReads } from '@app/platform';
import { DownwardFlowReader } from '@app/village-orders';
import { impactScopeFor } from '../domain/impact-access';
import { civilMonth, compareIds, toFen } from '@app/kernel';
import { addMonths, MAX_MONTHS, MONTH, monthsBetween } from './month-range';
import { TwoWayFlowData, TwoWayFlowRowData } from '../domain/two-way';

const empty = (month: string, stationId: string | null): TwoWayFlowRowData => ({
  month,
  stationId,
  upwardOrders: 0,
  upwardSalesFen: 0,
  downwardOrders: 0,
  downwardSalesFen: 0,
  farmInputFen: 0,
  registeredPoorFarmInputFen: 0,
});

/**
 * The two-way flow per county, station and month: upward from the impact rollups (produce of DELIVERED
 * fulfilments, by the month the order was placed, the households' county), downward from the village
 * orders' rollup (goods collected, by the month of collection, the stations' county). Two indexed range
 * reads, run at once, whatever the number of orders. Downward sales never enter the impact figures:
 * they are read here beside them, never into them.
 */
@Injectable()
export class TwoWayFlowService {
  constructor(
    private readonly reads: ReportReads,
    private readonly downward: DownwardFlowReader,
  ) {}

  async report(actor: Actor | null, countyId: string, stationId: string | null, from: string | null, to: string | null): Promise<TwoWayFlowData> {
    if (!isId(countyId)) throw badInput('countyId', 'countyId is not an id');
    if (stationId != null && !isId(stationId)) throw badInput('stationId', 'stationId is not an id');
    const scope = impactScopeFor(actor, { countyId, stationId: stationId ?? null });
    const last = to ?? civilMonth(new Date());
    const first = from ?? addMonths(last, -11);
    if (!MONTH.test(first)) throw badInput('from', 'from is a month, YYYY-MM');
    if (!MONTH.test(last)) throw badInput('to', 'to is a month, YYYY-MM');
    if (last < first) throw badInput('to', 'to must not be before from');
    const months = monthsBetween(first, last);
    if (months.length > MAX_MONTHS) throw badInput('from', `a report covers at most ${MAX_MONTHS} months`);
    const start = `${first}-01`;
    const end = `${addMonths(last, 1)}-01`;

    const [up, down] = await Promise.all([
      this.reads.query(
        `SELECT station_id::text, to_char(period, 'YYYY-MM') AS month, orders_count, gross_fen::text
           FROM impact_scope_sums
          WHERE county_id = $1 AND grain = 'M' AND period >= $2::date AND period < $3::date
            AND ${scope.stationId ? 'station_id = $4' : 'TRUE'}`,
        scope.stationId ? [scope.countyId, start, end, scope.stationId] : [scope.countyId, start, end],
      ) as Promise<Array<{ station_id: string; month: string; orders_count: number; gross_fen: string }>>,
      this.downward.monthly(scope.countyId!, scope.stationId, start, end),
    ]);

    const perStation = new Map<string, TwoWayFlowRowData>();
    const total = new Map(months.map((m) => [m, empty(m, scope.stationId)]));
    const row = (stationKey: string, month: string) => {
      const key = `${month}|${stationKey}`;
      let r = perStation.get(key);
      if (!r) perStation.set(key, (r = empty(month, stationKey)));
      return r;
    };
    for (const u of up) {
      // Station 0 is the rollup's "all stations" row: the county's totals (an order counted once).
      if (u.station_id === '0') {
        if (scope.stationId) continue;
        const t = total.get(u.month)!;
        t.upwardOrders += u.orders_count;
        t.upwardSalesFen += toFen(u.gross_fen);
        continue;
      }
      const r = row(u.station_id, u.month);
      r.upwardOrders += u.orders_count;
      r.upwardSalesFen += toFen(u.gross_fen);
      if (scope.stationId) {
        const t = total.get(u.month)!;
        t.upwardOrders += u.orders_count;
        t.upwardSalesFen += toFen(u.gross_fen);
      }
    }
    for (const d of down) {
      const month = d.month.slice(0, 7);
      for (const r of [row(d.stationId, month), total.get(month)!]) {
        r.downwardOrders += d.collectedCount;
        r.downwardSalesFen += d.collectedFen;
        r.farmInputFen += d.farmInputFen;
        r.registeredPoorFarmInputFen += d.poorFarmInputFen;
      }
    }
    const stations = [...perStation.values()].sort((a, b) => (a.month === b.month ? compareIds(a.stationId!, b.stationId!) : a.month < b.month ? -1 : 1));
    return { from: first, to: last, months: [...total.values()], stations };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, decodeCursor, forbidden, optionalId, Page, pageSize, Role, toPage } from '@app/platform';
import { householdIdsInVillagesSql } from '@app/registry';
import { villagesServedBySql } from '@app/stations';
import { PayoutStatus } from './domain/enums';
import { PayoutData } from './domain/payout';
import { PayoutRow, toPayout } from './payout-row';

export interface PayoutFilter {
  status?: PayoutStatus | null;
  stationId?: string | null;
  householdId?: string | null;
}


/**
 * The payouts an actor may read, as SQL conditions on `payouts p`; several conditions are separate
 * branches of a UNION ALL (each can use its own index and stop after one page):
 * - admins: all;
 * - county officials: their county's (payouts.county_id, the payee's county);
 * - station operators: their station's own payouts, and the household payouts that settle only their
 *   own station's sales, of households in the villages their station serves. A household payout
 *   sums all of the household's settled allocations, whichever station sold them: one that carries
 *   another station's sales (wholly or in part) would tell this operator that station's business,
 *   so it is not theirs to read (admins and the county's officials read it);
 * - buyers: none (FORBIDDEN).
 */
function scopeOf(actor: Actor, param: (value: unknown) => string): string[] {
  switch (actor.role) {
    case Role.ADMIN:
      return ['TRUE'];
    case Role.COUNTY_OFFICIAL:
      return actor.countyId ? [`p.county_id = ${param(actor.countyId)}`] : [];
    case Role.STATION_OPERATOR: {
      if (!actor.stationId) return [];
      const station = param(actor.stationId);
      return [
        `p.station_id = ${station}`,
        `p.household_id IN ${householdIdsInVillagesSql(villagesServedBySql(station))}
           AND EXISTS (SELECT 1 FROM payout_links l WHERE l.payout_id = p.id AND l.listing_station_id = ${station})
           AND NOT EXISTS (SELECT 1 FROM payout_links l WHERE l.payout_id = p.id AND l.listing_station_id <> ${station})`,
      ];
    }
    case Role.MERCHANT:
      return actor.merchantId ? [`p.merchant_id = ${param(actor.merchantId)}`] : [];
    default:
      throw forbidden('Payouts are for admins, county officials and station operators');
  }
}

/** Reads payouts for the API: keyset pages (newest first) within what the actor may see. */
@Injectable()
export class PayoutQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: PayoutFilter, first: number | null | undefined, after: string | null | undefined): Promise<Page<PayoutData>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after, ['id']);
    optionalId(filter.stationId, 'stationId');
    optionalId(filter.householdId, 'householdId');

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const branches = scopeOf(actor, param);
    const filters: string[] = [];
    if (filter.status) filters.push(`p.status = ${param(filter.status)}`);
    if (filter.stationId) filters.push(`p.station_id = ${param(filter.stationId)}`);
    if (filter.householdId) filters.push(`p.household_id = ${param(filter.householdId)}`);
    const countParams = [...params];
    const pageFilters = cursor ? [...filters, `p.id < ${param(cursor[0])}`] : filters;
    const where = (branch: string, extra: string[]) => [branch, ...extra].join(' AND ');

    if (branches.length === 0) return toPage([], limit, () => [], toPayout, 0);
    const limitParam = param(limit + 1);
    const select = branches
      .map((b) => `(SELECT p.* FROM payouts p WHERE ${where(b, pageFilters)} ORDER BY p.id DESC LIMIT ${limitParam})`)
      .join(' UNION ALL ');
    const rows: PayoutRow[] = await this.dataSource.query(
      branches.length === 1 ? select : `SELECT * FROM (${select}) x ORDER BY x.id DESC LIMIT ${limitParam}`,
      params,
    );
    const count = async () => {
      const counts = branches.map((b) => `(SELECT count(*) FROM payouts p WHERE ${where(b, filters)})`).join(' + ');
      const [{ n }] = await this.dataSource.query(`SELECT (${counts})::int AS n`, countParams);
      return n as number;
    };
    return toPage(rows, limit, (r) => [String(r.id)], toPayout, count);
  }
}

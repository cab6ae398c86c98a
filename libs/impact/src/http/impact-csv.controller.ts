import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { Actor, badInput, CurrentActor, HttpErrorFilter, optionalId, Role, Roles } from '@app/platform';
import { csvRecord, UTF8_BOM } from '../domain/csv';
import { ImpactScope } from '../domain/impact-access';
import { dateKeyOf, instantOf } from '../domain/range-plan';
import { ImpactQueryService, ImpactRange } from '../query/impact-query.service';
import { ImpactRequest, ImpactRequestService } from '../query/impact-request.service';

/** Rows fetched from the cursor at a time: the file is never held whole in memory. */
const BATCH = 500;

const HEADER = [
  'villageId',
  'villageCode',
  'villageName',
  'township',
  'ordersCount',
  'grossSalesFen',
  'supplierIncomeFen',
  'incomeToRegisteredPoorFen',
  'paidOutFen',
  'villagesReached',
  'povertyStrickenVillagesReached',
  'householdsReached',
  'registeredPoorHouseholdsReached',
];

interface CsvResponse {
  headersSent: boolean;
  destroyed: boolean;
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  write(chunk: string): boolean;
  end(): unknown;
}

/**
 * `GET /reports/impact.csv?countyId=&stationId=&from=&to=` with the bearer token: impactByVillage as a
 * spreadsheet, one row per village with the summary's columns, largest supplier income first. Same
 * access as the GraphQL reports (an official's own county, an operator's own station, admins all);
 * `from`/`to` are ISO 8601 instants or YYYY-MM-DD dates (Asia/Shanghai midnight). Streamed from a
 * database cursor in one read-only snapshot.
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class ImpactCsvController {
  constructor(
    private readonly requests: ImpactRequestService,
    private readonly reports: ImpactQueryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('impact.csv')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  async export(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>, @Res() res: CsvResponse): Promise<void> {
    const { scope, range } = await this.requests.resolve(actor, parseQuery(query), '');
    const statement = this.reports.villagesStatement(scope, range);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      if (statement) await runner.query(`DECLARE impact_csv NO SCROLL CURSOR FOR ${statement.text}`, statement.params);
      // The first batch is read before the headers go out, so that a failing query is still a clean 500.
      let rows: Array<Record<string, unknown>> = statement ? await runner.query(`FETCH FORWARD ${BATCH} FROM impact_csv`) : [];
      res.status(200);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName(scope, range)}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.write(UTF8_BOM + csvRecord(HEADER));
      while (rows.length > 0 && !res.destroyed) {
        const chunk = rows.map((row) => csvRecord(toRecord(row))).join('');
        if (!res.write(chunk)) await Promise.race([once(res as never, 'drain'), once(res as never, 'close')]);
        rows = rows.length < BATCH ? [] : await runner.query(`FETCH FORWARD ${BATCH} FROM impact_csv`);
      }
      await runner.commitTransaction();
      res.end();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

function toRecord(row: Record<string, unknown>): Array<string | number> {
  const v = ImpactQueryService.villageRow(row as never);
  return [
    v.villageId,
    v.code,
    v.name,
    v.township ?? '',
    v.ordersCount,
    String(v.grossSalesFen),
    String(v.supplierIncomeFen),
    String(v.incomeToRegisteredPoorFen),
    String(v.paidOutFen),
    1,
    v.povertyStrickenAtSale ? 1 : 0,
    v.householdsReached,
    v.registeredPoorHouseholdsReached,
  ];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The query parameters as a report filter; an empty parameter is an absent one. */
function parseQuery(query: Record<string, unknown>): ImpactRequest {
  const text = (name: string): string | null => {
    const value = query[name];
    if (value === undefined || value === '') return null;
    if (typeof value !== 'string') throw badInput(name, `${name} must be given once`);
    return value.trim();
  };
  const id = (name: string): string | null => optionalId(text(name), name);
  const instant = (name: string): Date | null => {
    const value = text(name);
    if (value === null) return null;
    const date = DATE_ONLY.test(value) ? instantOf(value) : DATE_TIME.test(value) ? new Date(value) : null;
    // Date parsing rolls 2025-02-30 over into March: a date must read back as written.
    const day = value.slice(0, 10);
    const valid = date !== null && !Number.isNaN(date.getTime()) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;
    if (!valid) throw badInput(name, `${name} must be an ISO 8601 date-time or a YYYY-MM-DD date`);
    return date;
  };
  return { countyId: id('countyId'), stationId: id('stationId'), from: instant('from'), to: instant('to') };
}

function fileName(scope: ImpactScope, range: ImpactRange): string {
  const parts = ['impact'];
  if (scope.countyId) parts.push(`county-${scope.countyId}`);
  if (scope.stationId) parts.push(`station-${scope.stationId}`);
  if (!scope.countyId && !scope.stationId) parts.push('all');
  if (range.from) parts.push(`from-${dateKeyOf(range.from)}`);
  if (range.to) parts.push(`to-${dateKeyOf(range.to)}`);
  return `${parts.join('-')}.csv`;
}

import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { Actor, CurrentActor, HttpErrorFilter, Role, Roles } from '@app/platform';
import { csvRecord, UTF8_BOM } from '../domain/csv';
import { ImpactQueryService } from '../query/impact-query.service';
import { ImpactRequestService } from '../query/impact-request.service';
import { impactFileName, parseImpactQuery } from './impact-report-query';

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
    const { scope, range } = await this.requests.resolve(actor, parseImpactQuery(query), '');
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
      res.setHeader('Content-Disposition', `attachment; filename="${impactFileName(scope, range, 'csv')}"`);
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

import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Actor, beijingTime, CurrentActor, GraphQLContext, HttpErrorFilter, ReportReads, Role, Roles, sendXlsxReport, XlsxColumn, XlsxResponse } from '@app/platform';
import { RegistryLoaders } from '@app/registry';
import { StationLoaders } from '@app/stations';
import { ImpactQueryService, ImpactRange, VillageTotals } from '../query/impact-query.service';
import { ImpactRequestService } from '../query/impact-request.service';
import { impactFileName, parseImpactQuery } from './impact-report-query';

type VillageRow = VillageTotals & { code: string; name: string; township: string | null };

const COLUMNS: Array<XlsxColumn<VillageRow>> = [
  { header: '村代码', kind: 'text', value: (v) => v.code, width: 16 },
  { header: '村', kind: 'text', value: (v) => v.name, width: 18 },
  { header: '乡镇', kind: 'text', value: (v) => v.township ?? '' },
  { header: '贫困村', kind: 'text', value: (v) => (v.povertyStrickenAtSale ? '是' : '否'), width: 8 },
  { header: '订单数', kind: 'count', value: (v) => v.ordersCount, width: 10 },
  { header: '销售额（元）', kind: 'yuan', value: (v) => v.grossSalesFen },
  { header: '农户收入（净额，元）', kind: 'yuan', value: (v) => v.supplierIncomeFen, width: 18 },
  { header: '贫困户增收（元）', kind: 'yuan', value: (v) => v.incomeToRegisteredPoorFen, width: 16 },
  { header: '已到账打款（元）', kind: 'yuan', value: (v) => v.paidOutFen, width: 16 },
  { header: '带动农户数', kind: 'count', value: (v) => v.householdsReached, width: 12 },
  { header: '带动建档立卡贫困户数', kind: 'count', value: (v) => v.registeredPoorHouseholdsReached, width: 20 },
];

/** An instant as a Beijing date, or a date and time when it is not midnight there. */
function shown(at: Date): string {
  const text = beijingTime(at);
  return text.endsWith(' 00:00') ? text.slice(0, 10) : text;
}

export function rangeText(range: ImpactRange): string {
  if (!range.from && !range.to) return '全部时间';
  return `${range.from ? shown(range.from) : '最早'} 至 ${range.to ? shown(range.to) : '今'}`;
}

/**
 * `GET /reports/impact.xlsx?countyId=&stationId=&from=&to=` with the bearer token: impactByVillage as
 * a spreadsheet people read (Chinese headers, yuan), with impactSummary as the totals row (an order
 * supplied by two villages counts once there). Same parameters and access as /reports/impact.csv.
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class ImpactXlsxController {
  constructor(
    private readonly requests: ImpactRequestService,
    private readonly reports: ImpactQueryService,
    private readonly reads: ReportReads,
    private readonly registry: RegistryLoaders,
    private readonly stations: StationLoaders,
  ) {}

  @Get('impact.xlsx')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  async export(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>, @Res() res: XlsxResponse): Promise<void> {
    const { scope, range } = await this.requests.resolve(actor, parseImpactQuery(query), '');
    const statement = this.reports.villagesStatement(scope, range);
    const [rows, summary, county] = await Promise.all([
      statement ? this.reads.query(statement.text, statement.params) : Promise.resolve([]),
      this.reports.summary(scope, range),
      this.countyName(scope.countyId, scope.stationId),
    ]);
    const villages: VillageRow[] = rows.map((row) => ImpactQueryService.villageRow(row));
    await sendXlsxReport(res, impactFileName(scope, range, 'xlsx'), {
      sheet: '扶贫成效',
      title: scope.stationId ? '扶贫成效（按村，本服务站）' : '扶贫成效（按村）',
      county,
      range: rangeText(range),
      columns: COLUMNS,
      rows: villages,
      // The summary's distinct counts: an order or household reached through two villages counts once.
      totals: { 4: summary.ordersCount, 9: summary.householdsReached, 10: summary.registeredPoorHouseholdsReached },
    });
  }

  private async countyName(countyId: string | null, stationId: string | null): Promise<string> {
    if (!countyId && !stationId) return '全部县';
    const context: GraphQLContext = {} as GraphQLContext;
    const id = countyId ?? (await this.stations.station(context, stationId!))?.countyId;
    return (id && (await this.registry.county(context, id))?.name) || '';
  }
}

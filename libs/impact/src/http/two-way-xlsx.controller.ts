import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Actor, badInput, CurrentActor, GraphQLContext, HttpErrorFilter, queryText, Role, Roles, sendXlsxReport, XlsxColumn, XlsxResponse } from '@app/platform';
import { RegistryLoaders } from '@app/registry';
import { TwoWayFlowService } from '../two-way/two-way-flow.service';
import { TwoWayFlowRowData } from '../domain/two-way';

const COLUMNS: Array<XlsxColumn<TwoWayFlowRowData>> = [
  { header: '月份', kind: 'text', value: (r) => r.month, width: 10 },
  { header: '农产品上行订单数', kind: 'count', value: (r) => r.upwardOrders, width: 16 },
  { header: '农产品上行销售额（元）', kind: 'yuan', value: (r) => r.upwardSalesFen, width: 20 },
  { header: '工业品下行代购订单数', kind: 'count', value: (r) => r.downwardOrders, width: 20 },
  { header: '工业品下行销售额（元）', kind: 'yuan', value: (r) => r.downwardSalesFen, width: 20 },
  { header: '其中农资（元）', kind: 'yuan', value: (r) => r.farmInputFen, width: 16 },
  { header: '建档立卡贫困户购农资（元）', kind: 'yuan', value: (r) => r.registeredPoorFarmInputFen, width: 24 },
];

/**
 * `GET /reports/two-way-flow.xlsx?countyId=&stationId=&from=&to=` (months YYYY-MM) with the bearer
 * token: twoWayFlow's months as a spreadsheet people read, with the same parameters and access.
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class TwoWayFlowXlsxController {
  constructor(
    private readonly twoWay: TwoWayFlowService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Get('two-way-flow.xlsx')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.STATION_OPERATOR)
  async export(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>, @Res() res: XlsxResponse): Promise<void> {
    // Officials and operators may leave their own county out.
    const countyId = queryText(query, 'countyId') ?? actor?.countyId ?? null;
    if (countyId === null) throw badInput('countyId', 'countyId is required');
    const stationId = queryText(query, 'stationId');
    const report = await this.twoWay.report(actor, countyId, stationId, queryText(query, 'from'), queryText(query, 'to'));
    const county = await this.registry.county({} as GraphQLContext, countyId);
    const station = stationId ? `-station-${stationId}` : '';
    await sendXlsxReport(res, `two-way-flow-county-${countyId}${station}-${report.from}-${report.to}.xlsx`, {
      sheet: '双向流通',
      title: stationId ? `双向流通（服务站 ${stationId}）` : '双向流通',
      county: county?.name ?? countyId,
      range: `${report.from} 至 ${report.to}`,
      columns: COLUMNS,
      rows: report.months,
    });
  }
}

import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Actor, badInput, CurrentActor, GraphQLContext, HttpErrorFilter, queryText, requireActor, Role, Roles, sendXlsxReport, XlsxColumn, XlsxResponse } from '@app/platform';
import { RegistryLoaders } from '@app/registry';
import { CreditMonth, CreditReportService } from '../credit-report.service';

const COLUMNS: Array<XlsxColumn<CreditMonth>> = [
  { header: '月份', kind: 'text', value: (r) => r.month, width: 10 },
  { header: '放款笔数', kind: 'count', value: (r) => r.loansDisbursed, width: 10 },
  { header: '放款金额（元）', kind: 'yuan', value: (r) => r.disbursedFen, width: 16 },
  { header: '其中建档立卡贫困户（元）', kind: 'yuan', value: (r) => r.disbursedToRegisteredPoorFen, width: 22 },
  { header: '月末贷款余额（元）', kind: 'yuan', value: (r) => r.outstandingPrincipalFen, width: 18 },
  { header: '还款（元）', kind: 'yuan', value: (r) => r.repaidFen, width: 14 },
  { header: '逾期率', kind: 'rate', value: (r) => r.overdueRateBps, width: 10 },
  { header: '违约率', kind: 'rate', value: (r) => r.defaultRateBps, width: 10 },
  { header: '风险补偿金代偿（元）', kind: 'yuan', value: (r) => r.fundPaidFen, width: 20 },
  { header: '月末扶贫贷款风险补偿金余额（元）', kind: 'yuan', value: (r) => r.fundBalanceFen, width: 28 },
  { header: '财政贴息（元）', kind: 'yuan', value: (r) => r.subsidyPaidFen, width: 14 },
];

/**
 * `GET /reports/finance.xlsx?countyId=&from=&to=` (months YYYY-MM) with the bearer token: creditReport
 * as a spreadsheet people read, with the same parameters and access (admins, the county's officials,
 * its lenders for their institution's loans). The totals row sums the month's flows; the balances at
 * a month's end (outstanding principal, the fund) and the rates are those of the last month.
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class CreditXlsxController {
  constructor(
    private readonly reports: CreditReportService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Get('finance.xlsx')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL, Role.LENDER)
  async export(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>, @Res() res: XlsxResponse): Promise<void> {
    const caller = requireActor(actor);
    // Officials may leave their own county out.
    const countyId = queryText(query, 'countyId') ?? caller.countyId;
    if (countyId === null) throw badInput('countyId', 'countyId is required');
    const months = await this.reports.months(caller, countyId, queryText(query, 'from'), queryText(query, 'to'));
    const county = await this.registry.county({} as GraphQLContext, countyId);
    const last = months[months.length - 1];
    const range = months.length ? `-${months[0].month}-${last.month}` : '';
    await sendXlsxReport(res, `finance-county-${countyId}${range}.xlsx`, {
      sheet: '金融精准扶贫',
      title: caller.role === Role.LENDER ? '金融精准扶贫（本机构贷款）' : '金融精准扶贫',
      county: county?.name ?? countyId,
      range: months.length ? `${months[0].month} 至 ${last.month}` : '无贷款',
      columns: COLUMNS,
      rows: months,
      totals: {
        4: last?.outstandingPrincipalFen ?? 0,
        6: last?.overdueRateBps ?? null,
        7: last?.defaultRateBps ?? null,
        9: last?.fundBalanceFen ?? 0,
      },
    });
  }
}

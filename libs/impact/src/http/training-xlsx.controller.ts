import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Actor, CurrentActor, GraphQLContext, HttpErrorFilter, optionalId, queryText, Role, Roles, sendXlsxReport, XlsxColumn, XlsxResponse } from '@app/platform';
import { RegistryLoaders } from '@app/registry';
import { outcomesCountyFor, TrainingService } from '../training/training.service';
import { TrainingOutcomeData } from '../domain/training';

type OutcomeRow = TrainingOutcomeData & { countyName: string };

const COLUMNS: Array<XlsxColumn<OutcomeRow>> = [
  { header: '培训项目', kind: 'text', value: (r) => r.programmeName, width: 22 },
  { header: '县', kind: 'text', value: (r) => r.countyName, width: 10 },
  { header: '培训场次', kind: 'count', value: (r) => r.sessions, width: 10 },
  { header: '参训农户数', kind: 'count', value: (r) => r.trainees, width: 12 },
  { header: '其中建档立卡贫困户', kind: 'count', value: (r) => r.registeredPoorTrainees, width: 18 },
  { header: '180天内首次销售农户数', kind: 'count', value: (r) => r.traineesFirstSellingWithin180Days, width: 20 },
  { header: '培训前180天农户收入（净额，元）', kind: 'yuan', value: (r) => r.supplierNetBeforeFen, width: 26 },
  { header: '培训后180天农户收入（净额，元）', kind: 'yuan', value: (r) => r.supplierNetAfterFen, width: 26 },
];

/**
 * `GET /reports/training-outcomes.xlsx?countyId=&programmeId=` with the bearer token: trainingOutcomes
 * as a spreadsheet people read; same parameters and access as the CSV (officials their county, admins any).
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class TrainingXlsxController {
  constructor(
    private readonly training: TrainingService,
    private readonly registry: RegistryLoaders,
  ) {}

  @Get('training-outcomes.xlsx')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  async export(@CurrentActor() actor: Actor | null, @Query() query: Record<string, unknown>, @Res() res: XlsxResponse): Promise<void> {
    const county = outcomesCountyFor(actor, optionalId(queryText(query, 'countyId'), 'countyId'));
    const rows = await this.training.outcomes(county, optionalId(queryText(query, 'programmeId'), 'programmeId'));
    const ids = [...new Set([...rows.map((r) => r.countyId), ...(county ? [county] : [])])];
    const context = {} as GraphQLContext;
    const counties = await Promise.all(ids.map((id) => this.registry.county(context, id)));
    const names = new Map(counties.filter((c) => c !== null).map((c) => [c.id, c.name]));
    await sendXlsxReport(res, county ? `training-outcomes-county-${county}.xlsx` : 'training-outcomes.xlsx', {
      sheet: '培训成效',
      title: '技能培训成效',
      county: county ? (names.get(county) ?? county) : '全部县',
      range: '全部培训场次（培训前后各180天）',
      columns: COLUMNS,
      rows: rows.map((r) => ({ ...r, countyName: names.get(r.countyId) ?? r.countyId })),
    });
  }
}

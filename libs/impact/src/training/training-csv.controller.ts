import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { Actor, CurrentActor, HttpErrorFilter, optionalId, Role, Roles } from '@app/platform';
import { csvRecord, UTF8_BOM } from '../domain/csv';
import { outcomesCountyFor, TrainingService } from './training.service';

const HEADER = ['programmeId', 'programmeName', 'countyId', 'sessions', 'trainees', 'registeredPoorTrainees', 'traineesFirstSellingWithin180Days', 'supplierNetBeforeFen', 'supplierNetAfterFen'] as const;

/**
 * `GET /reports/training-outcomes.csv?countyId=&programmeId=` with the bearer token: trainingOutcomes
 * as a spreadsheet, one row per programme and county, same access (officials their county, admins any).
 */
@Controller('reports')
@UseFilters(HttpErrorFilter)
export class TrainingCsvController {
  constructor(private readonly training: TrainingService) {}

  @Get('training-outcomes.csv')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICIAL)
  async export(
    @CurrentActor() actor: Actor | null,
    @Query() query: Record<string, unknown>,
    @Res() res: { setHeader(name: string, value: string): unknown; send(body: string): unknown },
  ): Promise<void> {
    const county = outcomesCountyFor(actor, optionalId(query.countyId, 'countyId'));
    const rows = await this.training.outcomes(county, optionalId(query.programmeId, 'programmeId'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="training-outcomes.csv"');
    res.send(UTF8_BOM + csvRecord([...HEADER]) + rows.map((r) => csvRecord(HEADER.map((h) => r[h]))).join(''));
  }
}

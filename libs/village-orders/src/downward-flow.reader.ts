import { Injectable } from '@nestjs/common';
import { toFen } from '@app/kernel';
import { ReportReads } from '@app/platform';

export interface DownwardMonth {
  stationId: string;
  /** The first day of the month, YYYY-MM-DD. */
  month: string;
  collectedCount: number;
  collectedFen: number;
  farmInputFen: number;
  poorFarmInputFen: number;
}

/**
 * The downward flow per station and Asia/Shanghai month of collection, read from the rollup the
 * collections keep (one indexed range read per report, whatever the number of orders).
 */
@Injectable()
export class DownwardFlowReader {
  /** A report: read from the replica when there is one (ReportReads). */
  constructor(private readonly reads: ReportReads) {}

  async monthly(countyId: string, stationId: string | null, fromMonth: string, toMonthExclusive: string): Promise<DownwardMonth[]> {
    const rows: Array<{ station_id: string; month: string; collected_count: number; collected_fen: string; farm_input_fen: string; poor_farm_input_fen: string }> = await this.reads.query(
      `SELECT station_id::text, to_char(month, 'YYYY-MM-DD') AS month, collected_count, collected_fen::text, farm_input_fen::text, poor_farm_input_fen::text
         FROM village_order_months
        WHERE county_id = $1 AND ($2::bigint IS NULL OR station_id = $2) AND month >= $3::date AND month < $4::date
        ORDER BY month, station_id`,
      [countyId, stationId, fromMonth, toMonthExclusive],
    );
    return rows.map((r) => ({
      stationId: r.station_id,
      month: r.month,
      collectedCount: r.collected_count,
      collectedFen: toFen(r.collected_fen),
      farmInputFen: toFen(r.farm_input_fen),
      poorFarmInputFen: toFen(r.poor_farm_input_fen),
    }));
  }
}

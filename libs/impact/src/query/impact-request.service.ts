import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, notFound, optionalId } from '@app/platform';
import { countyExistsSql } from '@app/registry';
import { stationExistsSql } from '@app/stations';
import { ImpactScope, impactScopeFor } from '../domain/impact-access';
import { checkRange, fieldName } from '../domain/report-range';
import { ImpactRange } from './impact-query.service';

export interface ImpactRequest {
  countyId?: string | null;
  stationId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * Turns a report filter from GraphQL or the CSV export into a checked scope and range: the caller's
 * access first (FORBIDDEN), then the range (BAD_USER_INPUT), then that a named county or station
 * exists (NOT_FOUND), each naming the offending field under `prefix`.
 */
@Injectable()
export class ImpactRequestService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(actor: Actor | null, request: ImpactRequest | null | undefined, prefix: string): Promise<{ scope: ImpactScope; range: ImpactRange }> {
    const countyId = idOf(request?.countyId, prefix, 'countyId');
    const stationId = idOf(request?.stationId, prefix, 'stationId');
    const scope = impactScopeFor(actor, { countyId, stationId });
    const range = checkRange(request?.from ?? null, request?.to ?? null, prefix);
    // The caller's own county or station exists; any other named one is looked up.
    const checkCounty = countyId !== null && countyId !== actor?.countyId;
    const checkStation = stationId !== null && stationId !== actor?.stationId;
    if (checkCounty || checkStation) {
      const [row] = await this.dataSource.query(
        `SELECT ${countyExistsSql('$1')} AS county, ${stationExistsSql('$2')} AS station`,
        [checkCounty ? countyId : '0', checkStation ? stationId : '0'],
      );
      if (checkCounty && !row.county) throw notFound('County', countyId!, fieldName(prefix, 'countyId'));
      if (checkStation && !row.station) throw notFound('Station', stationId!, fieldName(prefix, 'stationId'));
    }
    return { scope, range };
  }
}

function idOf(value: string | null | undefined, prefix: string, name: string): string | null {
  return optionalId(value, fieldName(prefix, name), name);
}

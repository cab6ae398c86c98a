import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GraphQLContext } from '@app/platform';

/**
 * Which villages a station serves. The stations domain knows (it owns station_villages) but sits to
 * the right of the registry, so the registry declares this port and the stations module plugs its
 * implementation in at start-up (as DomainEvents handlers are registered): no import from registry to
 * stations, no cycle.
 */
export interface VillageCoverage {
  /** Station ids serving the village, batched per request (the personal-data check on a page of households). */
  stationIdsServing(context: GraphQLContext, villageId: string): Promise<string[]>;
  /** Every village the station serves (read through `manager` when inside a transaction). */
  servedVillageIds(stationId: string, manager?: EntityManager): Promise<string[]>;
}

/** Holds the plugged-in VillageCoverage. Until one is plugged in, no station serves anything (deny). */
@Injectable()
export class VillageCoverageRegistry implements VillageCoverage {
  private impl: VillageCoverage | null = null;

  use(impl: VillageCoverage): void {
    this.impl = impl;
  }

  stationIdsServing(context: GraphQLContext, villageId: string): Promise<string[]> {
    return this.impl ? this.impl.stationIdsServing(context, villageId) : Promise.resolve([]);
  }

  servedVillageIds(stationId: string, manager?: EntityManager): Promise<string[]> {
    return this.impl ? this.impl.servedVillageIds(stationId, manager) : Promise.resolve([]);
  }
}

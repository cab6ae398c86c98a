import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, EntityManager } from 'typeorm';
import { GraphQLContext, groupByKeys, loader } from '@app/platform';
import { VillageCoverage, VillageCoverageRegistry } from '@app/registry';

/**
 * Which stations serve which villages (station_villages), batched per request. Plugged into the
 * registry at start-up so its personal-data rule and operator checks can ask without importing us.
 */
@Injectable()
export class StationCoverage implements VillageCoverage, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: VillageCoverageRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.use(this);
  }

  /** Ids of every station (active or not) serving the village, ascending. */
  stationIdsServing(context: GraphQLContext, villageId: string): Promise<string[]> {
    return loader(context, 'stations.idsServingVillage', () =>
      new DataLoader<string, string[]>(async (villageIds) => {
        const rows: Array<{ village_id: string; station_id: string }> = await this.dataSource.query(
          'SELECT sv.village_id::text, sv.station_id::text FROM station_villages sv WHERE sv.village_id = ANY($1::bigint[]) ORDER BY sv.station_id',
          [villageIds],
        );
        return groupByKeys(villageIds, rows, (r) => r.village_id).map((list) => list.map((r) => r.station_id));
      }),
    ).load(villageId);
  }

  /** Ids of the villages the station serves, ascending. */
  async servedVillageIds(stationId: string, manager?: EntityManager): Promise<string[]> {
    const rows: Array<{ village_id: string }> = await (manager ?? this.dataSource.manager).query(
      'SELECT sv.village_id::text FROM station_villages sv WHERE sv.station_id = $1 ORDER BY sv.village_id',
      [stationId],
    );
    return rows.map((r) => r.village_id);
  }

  /** Ids of the villages each station serves, batched per request (ServiceStation.servedVillages). */
  servedVillageIdsOf(context: GraphQLContext, stationId: string): Promise<string[]> {
    return loader(context, 'stations.servedVillageIds', () =>
      new DataLoader<string, string[]>(async (stationIds) => {
        const rows: Array<{ village_id: string; station_id: string }> = await this.dataSource.query(
          'SELECT sv.station_id::text, sv.village_id::text FROM station_villages sv WHERE sv.station_id = ANY($1::bigint[]) ORDER BY sv.village_id',
          [stationIds],
        );
        return groupByKeys(stationIds, rows, (r) => r.station_id).map((list) => list.map((r) => r.village_id));
      }),
    ).load(stationId);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { ServiceStation } from './entities/station.entity';
import { StationData } from './domain/station';
import { toStationData } from './station-data';

/** Per-request batched station lookups for any domain's field resolvers. */
@Injectable()
export class StationLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  station(context: GraphQLContext, id: string): Promise<StationData | null> {
    return this.stationLoader(context).load(id);
  }

  /** Seeds this request's loader with a station another domain read in its own query (a joined page): no query for it. */
  primeStation(context: GraphQLContext, station: StationData): void {
    this.stationLoader(context).prime(station.id, station);
  }

  private stationLoader(context: GraphQLContext): DataLoader<string, StationData | null> {
    return loader(context, 'stations.station', () =>
      new DataLoader<string, StationData | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(ServiceStation).findBy({ id: In([...ids]) })).map(toStationData), (s) => s.id),
      ),
    );
  }
}

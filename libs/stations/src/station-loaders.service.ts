import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { ServiceStation } from './entities/station.entity';
import { ServiceStationType, toStationType } from './graphql/station.type';

/** Per-request batched station lookups for any domain's field resolvers. */
@Injectable()
export class StationLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  station(context: GraphQLContext, id: string): Promise<ServiceStationType | null> {
    return loader(context, 'stations.station', () =>
      new DataLoader<string, ServiceStationType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(ServiceStation).findBy({ id: In([...ids]) })).map(toStationType), (s) => s.id),
      ),
    ).load(id);
  }
}

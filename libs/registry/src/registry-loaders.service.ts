import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { byKeys, GraphQLContext, loader } from '@app/platform';
import { County } from './entities/county.entity';
import { Household } from './entities/household.entity';
import { Township } from './entities/township.entity';
import { Village } from './entities/village.entity';
import { toCountyType, toHouseholdType, toTownshipType, toVillageType } from './graphql/registry.mappers';
import { CountyType, HouseholdType, TownshipType, VillageType } from './graphql/registry.types';

/**
 * Per-request batched lookups of geography and households by id, for any domain's field resolvers
 * (a page of 100 listings costs one query for all their villages).
 */
@Injectable()
export class RegistryLoaders {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  county(context: GraphQLContext, id: string): Promise<CountyType | null> {
    return loader(context, 'registry.county', () =>
      new DataLoader<string, CountyType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(County).findBy({ id: In([...ids]) })).map(toCountyType), (c) => c.id),
      ),
    ).load(id);
  }

  township(context: GraphQLContext, id: string): Promise<TownshipType | null> {
    return loader(context, 'registry.township', () =>
      new DataLoader<string, TownshipType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Township).findBy({ id: In([...ids]) })).map(toTownshipType), (t) => t.id),
      ),
    ).load(id);
  }

  village(context: GraphQLContext, id: string): Promise<VillageType | null> {
    return loader(context, 'registry.village', () =>
      new DataLoader<string, VillageType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Village).findBy({ id: In([...ids]) })).map(toVillageType), (v) => v.id),
      ),
    ).load(id);
  }

  household(context: GraphQLContext, id: string): Promise<HouseholdType | null> {
    return loader(context, 'registry.household', () =>
      new DataLoader<string, HouseholdType | null>(async (ids) =>
        byKeys(ids, (await this.dataSource.getRepository(Household).findBy({ id: In([...ids]) })).map(toHouseholdType), (h) => h.id),
      ),
    ).load(id);
  }
}
